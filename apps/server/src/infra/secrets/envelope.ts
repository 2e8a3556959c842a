import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Sealed values: AES-256-GCM with a random 96-bit nonce, the context string as additional
 * authenticated data (so a value copied to another row or column does not open), and the id of the
 * key that sealed it (so a rotation can tell old from new and a wrong key fails clearly).
 *
 *   v1:<keyId>:<base64url(nonce ‖ ciphertext ‖ tag)>
 */
const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  readonly id: string;
  readonly bytes: Buffer;
}

/** Several keys can open; only `current` seals. The others exist while a rotation is unfinished. */
export interface Keyring {
  readonly current: MasterKey;
  readonly others: readonly MasterKey[];
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export function masterKey(bytes: Buffer): MasterKey {
  if (bytes.length !== MASTER_KEY_BYTES) throw new SealError(`a master key is ${MASTER_KEY_BYTES} bytes, got ${bytes.length}`);
  // A one-way label: shows which key sealed a value without revealing anything about the key.
  const id = createHash('sha256').update('bootfleet master key id\0').update(bytes).digest('hex').slice(0, 16);
  return { id, bytes: Buffer.from(bytes) };
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

export function sealedKeyId(sealed: string): string {
  const parts = sealed.split(':');
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1]) throw new SealError('not a sealed value');
  return parts[1];
}

export function seal(key: MasterKey, plaintext: string | Buffer, context: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return `${VERSION}:${key.id}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

export function open(keyring: Keyring, sealed: string, context: string): Buffer {
  const keyId = sealedKeyId(sealed);
  const key = [keyring.current, ...keyring.others].find((k) => k.id === keyId);
  if (!key) throw new SealError(`sealed under master key ${keyId}, which this server does not have`);
  const raw = Buffer.from(sealed.slice(VERSION.length + keyId.length + 2), 'base64url');
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SealError('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // Never echo the value or the context's secret parts: only say that it does not authenticate.
    throw new SealError(`sealed value does not authenticate for context "${context}"`);
  }
}
