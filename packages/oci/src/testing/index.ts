export { startRegistry, type StartRegistryOptions, type TestRegistry } from './start-registry';
export {
  pushTestImage,
  pushMultiArchTestImage,
  type TestImageOptions,
  type PushedImage,
  type PushedMultiArchImage,
  type TestArchitecture,
} from './push-test-image';
export { waitUntil } from './wait-until';
export { startTagPagingProxy, type TagPagingProxy } from './tag-paging-proxy';
