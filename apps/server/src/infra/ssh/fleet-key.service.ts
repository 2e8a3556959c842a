import { randomUUID } from 'node:crypto';
import { generateEd25519, publicKeyFingerprint } from '@bootfleet/agent';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { registerSealedField } from '../secrets/sealed-fields';
import { SecretBox } from '../secrets/secret-box.service';
import { FleetKeyRepository } from './fleet-key.repository';

const context = (id: string) => `fleet-key:${id}`;
registerSealedField({ model: 'fleetKey', field: 'privateKeySealed', context: (row) => context(row.id) });

export interface FleetPublicKey {
  publicKey: string;
  fingerprint: string;
  createdAt: Date;
}

/**
 * The server's own ed25519 SSH identity, created on first start. Hosts enrolled with a password get
 * its public key in their authorized_keys; the private key is stored sealed and opened only to connect.
 */
@Injectable()
export class FleetKeyService implements OnModuleInit {
  private readonly logger = new Logger(FleetKeyService.name);

  constructor(
    private readonly repository: FleetKeyRepository,
    private readonly secrets: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    if (await this.repository.current()) return;
    const id = randomUUID();
    const pair = generateEd25519('bootfleet');
    await this.repository.insertIfNone({
      id,
      publicKey: pair.publicKey,
      privateKeySealed: this.secrets.seal(pair.privateKey, context(id)),
      fingerprint: publicKeyFingerprint(pair.publicKey),
    });
    const current = await this.require();
    this.logger.log(`fleet SSH key ready (${current.fingerprint})`);
  }

  async publicKey(): Promise<FleetPublicKey> {
    const { publicKey, fingerprint, createdAt } = await this.require();
    return { publicKey, fingerprint, createdAt };
  }

  async privateKey(): Promise<string> {
    const key = await this.require();
    return this.secrets.open(key.privateKeySealed, context(key.id));
  }

  private async require() {
    const key = await this.repository.current();
    if (!key) throw new Error('the fleet key has not been created yet');
    return key;
  }
}
