import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DigestVerifier, digestOf, isDigest, verifyBytes } from './digest';
import { OciError } from './errors';

const content = Buffer.from('layer content\n');
const digest = digestOf(content);

async function drain(chunks: Buffer[], verifier: DigestVerifier): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), verifier, new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }));
  return Buffer.concat(out);
}

describe('isDigest', () => {
  it('accepts sha256 and sha512 with the right hex length only', () => {
    expect(isDigest(`sha256:${'0'.repeat(64)}`)).toBe(true);
    expect(isDigest(`sha512:${'f'.repeat(128)}`)).toBe(true);
    expect(isDigest(`sha256:${'0'.repeat(63)}`)).toBe(false);
    expect(isDigest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isDigest(`md5:${'0'.repeat(32)}`)).toBe(false);
    expect(isDigest(`sha256:${'0'.repeat(64)}\n`)).toBe(false);
  });
});

describe('DigestVerifier', () => {
  it('passes matching content through unchanged, across chunk boundaries', async () => {
    expect(await drain([content.subarray(0, 3), content.subarray(3)], new DigestVerifier(digest, content.length))).toEqual(content);
  });

  it('verifies sha512 digests with sha512', async () => {
    expect(await drain([content], new DigestVerifier(digestOf(content, 'sha512')))).toEqual(content);
  });

  it.each([
    ['altered content', [Buffer.from('layer cOntent\n')], undefined],
    ['truncated content', [content.subarray(0, 5)], undefined],
    ['extra bytes beyond the size', [content, Buffer.from('x')], content.length],
    ['a size that does not match', [content], content.length + 1],
  ])('fails with DIGEST_MISMATCH on %s', async (_name, chunks, size) => {
    await expect(drain(chunks, new DigestVerifier(digest, size))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
  });
});

describe('verifyBytes', () => {
  it('accepts matching bytes and rejects others', () => {
    expect(() => verifyBytes(content, digest, 'x')).not.toThrow();
    expect(() => verifyBytes(Buffer.from('other'), digest, 'x')).toThrow(OciError);
  });
});
