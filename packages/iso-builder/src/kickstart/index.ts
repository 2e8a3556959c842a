export { renderKickstart } from './render-kickstart';
export { hostInstallRecordSchema, type HostInstallRecord, type HostInstallRecordInput } from './host-install-record.schema';
export { kickstartOptionsSchema, type KickstartOptions } from './kickstart-options.schema';
export { KickstartError, type KickstartFieldPath } from './kickstart-error';
export { sha512Crypt, SHA512_CRYPT_PATTERN } from './sha512-crypt';
export { SMALLEST_DISK_INCLUDE } from './disk-selection';
export { OSTREE_AUTH_FILE, INSECURE_REGISTRIES_FILE } from './registry-files';
export { OFFLINE_IMAGE_DIRECTORY } from './commands';
