import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretStore } from '../../infra/secrets';

const NAME = 'iso-download-link-key';

/** The HMAC key of download links, created on first use and kept sealed in the secret store. */
@Injectable()
export class DownloadLinkKey {
  private key: Buffer | undefined;

  constructor(private readonly secrets: SecretStore) {}

  async get(): Promise<Buffer> {
    if (this.key) return this.key;
    let stored = await this.secrets.get(NAME);
    if (stored === undefined) {
      await this.secrets.put(NAME, randomBytes(32).toString('base64'));
      // Read back: if another server process stored its key at the same moment, all agree on the last one.
      stored = await this.secrets.get(NAME);
    }
    if (stored === undefined) throw new Error('the download link key could not be stored');
    this.key = Buffer.from(stored, 'base64');
    return this.key;
  }
}
