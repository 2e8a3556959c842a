import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { SecretBox } from './secret-box.service';
import { StoredSecretRepository, storedSecretContext } from './stored-secret.repository';

const SECRET_NAME = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

/** Server-wide secrets by name (for example `fleet-ssh-key`), sealed at rest. */
@Injectable()
export class SecretStore {
  constructor(
    private readonly repository: StoredSecretRepository,
    private readonly box: SecretBox,
  ) {}

  async put(name: string, plaintext: string | Buffer): Promise<void> {
    await this.repository.upsert(checkName(name), this.box.seal(plaintext, storedSecretContext(name)));
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = await this.repository.find(checkName(name));
    return sealed === undefined ? undefined : this.box.open(sealed, storedSecretContext(name));
  }

  async delete(name: string): Promise<void> {
    await this.repository.remove(checkName(name));
  }
}

function checkName(name: string): string {
  if (!SECRET_NAME.test(name)) throw new DomainError('invalid', 'SECRET_NAME_INVALID', 'Secret names are lower-case letters, digits and . _ : -');
  return name;
}
