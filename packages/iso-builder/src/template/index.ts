export { buildTemplate, SLOT_PATH, OFFLINE_IMAGE_PATH, type TemplateOptions, type BuiltTemplate } from './build-template';
export { buildImageTemplate, type ImageTemplateOptions } from './template-for-image';
export { padKickstart, unpadKickstart, DEFAULT_SLOT_BYTES } from './kickstart-slot';
export { readTemplateMetadata, metadataPathFor, templateMetadataSchema, type TemplateMetadata } from './template-metadata';
