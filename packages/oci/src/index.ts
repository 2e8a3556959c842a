export { OciError, isOciError, type OciErrorCode } from './errors';
export { isDigest } from './digest';
export { parseImageReference, formatImageReference, DEFAULT_REGISTRY, type ImageReference } from './reference';
export { toOciArchitecture, toKernelArchitecture, selectPlatformManifest, DEFAULT_ARCHITECTURE, type PlatformDescriptor } from './platform';
export { MediaType } from './media-types';
export { parseAuthChallenge, type AuthChallenge } from './auth-challenge';
export { parseNextLink } from './link-header';
export type { RegistryCredentials } from './authenticator';
export type { PullOptions } from './oci-layout';
export {
  RegistryClient,
  type RegistryEndpoint,
  type RegistryClientOptions,
  type ResolvedImage,
  type FetchedManifest,
  type Logger,
} from './registry-client';
