import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { type Keyring, open, seal } from './envelope';
import { loadKeyring } from './keyring';

/**
 * Encrypts secrets for storage. `context` names where the value lives, for example
 * `host:<id>:ssh-key`: a sealed value only opens under the context it was sealed with.
 * Sealed strings are safe to store and log-free by construction; plaintexts must never be logged.
 */
@Injectable()
export class SecretBox implements OnModuleInit {
  private keyring: Keyring | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  // Loaded at init rather than construction: exporting the OpenAPI document builds the app without
  // initialising it and must not create a key file.
  async onModuleInit(): Promise<void> {
    this.keyring ??= await loadKeyring(this.config);
  }

  seal(plaintext: string | Buffer, context: string): string {
    return seal(this.ring().current, plaintext, context);
  }

  open(sealed: string, context: string): string {
    return open(this.ring(), sealed, context).toString('utf8');
  }

  openBytes(sealed: string, context: string): Buffer {
    return open(this.ring(), sealed, context);
  }

  /** The id of the key that seals now (shown by the rotation command, never the key itself). */
  currentKeyId(): string {
    return this.ring().current.id;
  }

  private ring(): Keyring {
    if (!this.keyring) throw new Error('SecretBox used before the application was initialised');
    return this.keyring;
  }
}
