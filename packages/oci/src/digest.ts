import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { OciError } from './errors';

const DIGEST_PATTERN = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(s: string): boolean {
  return DIGEST_PATTERN.test(s);
}

function splitDigest(digest: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  if (!isDigest(digest)) throw new OciError('REGISTRY_PROTOCOL', `unsupported or malformed digest "${digest}"`);
  const [algorithm, hex] = digest.split(':') as ['sha256' | 'sha512', string];
  return { algorithm, hex };
}

export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Throws DIGEST_MISMATCH unless bytes hash to the expected digest (with the digest's own algorithm). */
export function verifyBytes(bytes: Buffer, expected: string, what: string): void {
  const actual = digestOf(bytes, splitDigest(expected).algorithm);
  if (actual !== expected) throw new OciError('DIGEST_MISMATCH', `${what}: expected ${expected}, got ${actual}`);
}

/**
 * Passes data through while hashing it; fails the stream with DIGEST_MISMATCH at the end if the
 * content does not match, so a consumer never sees a clean end for corrupted content.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private readonly hex: string;
  private readonly algorithm: string;
  private received = 0;

  constructor(
    private readonly expected: string,
    private readonly expectedSize?: number,
  ) {
    super();
    const { algorithm, hex } = splitDigest(expected);
    this.algorithm = algorithm;
    this.hex = hex;
    this.hash = createHash(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.expectedSize !== undefined && this.received > this.expectedSize) {
      callback(new OciError('DIGEST_MISMATCH', `blob ${this.expected}: more than the expected ${this.expectedSize} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = this.hash.digest('hex');
    if (actual !== this.hex) {
      callback(new OciError('DIGEST_MISMATCH', `blob ${this.expected}: content hashes to ${this.algorithm}:${actual}`));
      return;
    }
    if (this.expectedSize !== undefined && this.received !== this.expectedSize) {
      callback(new OciError('DIGEST_MISMATCH', `blob ${this.expected}: ${this.received} bytes, expected ${this.expectedSize}`));
      return;
    }
    callback();
  }
}
