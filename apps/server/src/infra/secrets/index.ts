export { SecretBox } from './secret-box.service';
export { SecretStore } from './secret-store.service';
export { SecretsModule } from './secrets.module';
export { registerSealedField, sealedFields, type SealedField } from './sealed-fields';
export { SealError, isSealed } from './envelope';
