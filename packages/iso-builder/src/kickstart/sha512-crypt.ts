import { createHash, randomBytes, type Hash } from 'node:crypto';

// SHA-crypt with SHA-512 ("$6$"), as specified by Ulrich Drepper's "Unix crypt using SHA-256 and
// SHA-512" and implemented by glibc crypt(3); Anaconda stores `user --iscrypted` values verbatim.
const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
const MIN_ROUNDS = 1000;
const MAX_ROUNDS = 999_999_999;
const MAX_SALT_LENGTH = 16;

/** A complete `$6$[rounds=N$]salt$hash` value, as crypt(3) prints it. */
export const SHA512_CRYPT_PATTERN = /^\$6\$(?:rounds=[1-9][0-9]{0,8}\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{86}$/;

// The spec's permutation of the 64 digest bytes into 21 groups of three (plus one lone byte).
const BYTE_GROUPS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48],
  [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13],
  [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
];

function sha512(...parts: Buffer[]): Buffer {
  const hash: Hash = createHash('sha512');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** `source` repeated (and truncated) to exactly `length` bytes. */
function stretch(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0; offset < length; offset += source.length) source.copy(out, offset, 0, Math.min(source.length, length - offset));
  return out;
}

function encode24(b2: number, b1: number, b0: number, chars: number): string {
  let word = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += ALPHABET[word & 0x3f];
    word >>= 6;
  }
  return out;
}

function byteAt(digest: Buffer, index: number): number {
  return digest[index] ?? 0;
}

function encodeDigest(digest: Buffer): string {
  let out = '';
  for (const [a, b, c] of BYTE_GROUPS) out += encode24(byteAt(digest, a), byteAt(digest, b), byteAt(digest, c), 4);
  return out + encode24(0, 0, byteAt(digest, 63), 2);
}

function parseSetting(setting: string): { rounds: number; explicitRounds: boolean; salt: string } {
  let rest = setting.startsWith('$6$') ? setting.slice(3) : setting;
  let rounds = DEFAULT_ROUNDS;
  let explicitRounds = false;
  const roundsMatch = /^rounds=([0-9]+)\$/.exec(rest);
  if (roundsMatch?.[1] !== undefined) {
    rounds = Math.min(MAX_ROUNDS, Math.max(MIN_ROUNDS, Number(roundsMatch[1])));
    explicitRounds = true;
    rest = rest.slice(roundsMatch[0].length);
  }
  const salt = rest.split('$', 1)[0]?.slice(0, MAX_SALT_LENGTH) ?? '';
  if (!/^[./0-9A-Za-z]+$/.test(salt)) throw new Error('sha512Crypt: salt must be 1-16 characters of [./0-9A-Za-z]');
  return { rounds, explicitRounds, salt };
}

/** A random 16-character salt from the crypt alphabet. */
export function randomCryptSalt(): string {
  return [...randomBytes(MAX_SALT_LENGTH)].map((byte) => ALPHABET[byte & 0x3f]).join('');
}

/**
 * crypt(3) `$6$` hash of `password`. `salt` is the bare salt, or a setting such as
 * `rounds=10000$salt` or `$6$salt`; omitted, a random 16-character salt is used.
 */
export function sha512Crypt(password: string, salt: string = randomCryptSalt()): string {
  const { rounds, explicitRounds, salt: saltText } = parseSetting(salt);
  const key = Buffer.from(password, 'utf8');
  const saltBytes = Buffer.from(saltText, 'ascii');

  const alternate = sha512(key, saltBytes, key);
  const initial = createHash('sha512').update(key).update(saltBytes).update(stretch(alternate, key.length));
  for (let bits = key.length; bits > 0; bits >>= 1) initial.update(bits & 1 ? alternate : key);
  let digest = initial.digest();

  const keySequence = stretch(sha512(...Array<Buffer>(key.length).fill(key)), key.length);
  const saltSequence = stretch(sha512(...Array<Buffer>(16 + byteAt(digest, 0)).fill(saltBytes)), saltBytes.length);

  for (let round = 0; round < rounds; round++) {
    const hash = createHash('sha512');
    hash.update(round & 1 ? keySequence : digest);
    if (round % 3 !== 0) hash.update(saltSequence);
    if (round % 7 !== 0) hash.update(keySequence);
    hash.update(round & 1 ? digest : keySequence);
    digest = hash.digest();
  }

  const roundsPart = explicitRounds ? `rounds=${rounds}$` : '';
  return `$6$${roundsPart}${saltText}$${encodeDigest(digest)}`;
}
