export * from './errors';
export * from './boot-config';
export * from './isomd5';
export * from './inspect';
export * from './template';
export * from './per-host';
export { resolveImage, pullImageToLayout, type ImageSourceOptions, type PinnedImage } from './image/registry-image';
export * from './kickstart';
