import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
// Loaded for its side effect: every repository registers its sealed fields when its file loads.
import '../../app.module';
import { ConfigModule } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { PrismaModule } from '../prisma/prisma.module';
import { type Keyring, MASTER_KEY_BYTES, type MasterKey, masterKey, open, seal } from './envelope';
import { loadKeyring } from './keyring';
import { promotePendingKeyFile, writePendingKeyFile } from './master-key-file';
import { SealedFieldRepository } from './sealed-field.repository';
import { type SealedField, sealedFields } from './sealed-fields';

export interface RotationResult {
  fromKeyId: string;
  toKeyId: string;
  resealed: Record<string, number>;
  /** Where the new key lives: the key file, or the environment variable the operator must update. */
  newKeyLocation: 'file' | 'environment';
}

/** Opens every sealed value with any key of `from` and seals it again under `to`, atomically. */
export async function resealUnderNewKey(
  repository: SealedFieldRepository,
  fields: readonly SealedField[],
  from: Keyring,
  to: MasterKey,
): Promise<Record<string, number>> {
  return repository.resealAll(fields, (sealed, context) => seal(to, open(from, sealed, context), context));
}

@Module({})
class RotationModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: RotationModule,
      imports: [ConfigModule.forRoot(config), PrismaModule.forRoot(databaseUrl)],
      providers: [SealedFieldRepository],
    };
  }
}

/**
 * Re-encrypts every registered sealed field under a new master key. Run it with the servers stopped:
 * a running server keeps sealing with the key it loaded at start.
 *
 * - Key file mode (no BOOTFLEET_SECRET_KEY): a new key is written to `master.key.next`, the data is
 *   re-sealed in one transaction, then the file replaces `master.key`. If the command is interrupted
 *   in between, the server can still open everything (it reads both files) and a second run finishes.
 * - Environment mode: BOOTFLEET_NEW_SECRET_KEY names the new key; afterwards the operator replaces
 *   BOOTFLEET_SECRET_KEY with it.
 */
export async function rotateMasterKey(config: AppConfig, databaseUrl: string): Promise<RotationResult> {
  const from = await loadKeyring(config);
  let to: MasterKey;
  if (config.secretKey) {
    if (!config.newSecretKey) {
      throw new Error('BOOTFLEET_SECRET_KEY is set: set BOOTFLEET_NEW_SECRET_KEY to the new key (openssl rand -base64 32) and run again');
    }
    to = masterKey(config.newSecretKey);
  } else {
    to = from.others[0] ?? masterKey(config.newSecretKey ?? randomBytes(MASTER_KEY_BYTES));
    await writePendingKeyFile(config.dataDir, to);
  }
  const app = await NestFactory.createApplicationContext(RotationModule.forRoot(config, databaseUrl), { logger: ['error'] });
  let resealed: Record<string, number>;
  try {
    resealed = await resealUnderNewKey(app.get(SealedFieldRepository), sealedFields(), from, to);
  } finally {
    await app.close();
  }
  if (!config.secretKey) await promotePendingKeyFile(config.dataDir);
  return { fromKeyId: from.current.id, toKeyId: to.id, resealed, newKeyLocation: config.secretKey ? 'environment' : 'file' };
}
