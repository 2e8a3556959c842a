import { Global, Module } from '@nestjs/common';
import { SealedFieldRepository } from './sealed-field.repository';
import { SecretBox } from './secret-box.service';
import { SecretStore } from './secret-store.service';
import { StoredSecretRepository } from './stored-secret.repository';

@Global()
@Module({
  providers: [SecretBox, SecretStore, StoredSecretRepository, SealedFieldRepository],
  exports: [SecretBox, SecretStore, SealedFieldRepository],
})
export class SecretsModule {}
