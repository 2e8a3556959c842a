export { syntheticBaseIso, DEFAULT_LABELS, ISO_CACHE_DIR, type SyntheticLayout, type SyntheticIsoOptions } from './synthetic-iso';
export { MARKERS } from './busybox-initrd';
export { bootIso, type BootReport, type Firmware, type BootMedia } from './qemu-boot';
export { checkIsoMd5, extractIsoFile, hasJoliet, referenceHostIso } from './iso-checks';
