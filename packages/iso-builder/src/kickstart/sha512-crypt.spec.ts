import { describe, expect, it } from 'vitest';
import { SHA512_CRYPT_PATTERN, sha512Crypt } from './sha512-crypt';

// Test vectors from Drepper's SHA-crypt specification, as glibc crypt(3) reproduces them.
const SPEC_VECTORS: Array<[setting: string, password: string, expected: string]> = [
  ['$6$saltstring', 'Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  [
    '$6$rounds=10000$saltstringsaltstring',
    'Hello world!',
    '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
  ],
  [
    '$6$rounds=5000$toolongsaltstring',
    'This is just a test',
    '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
  ],
  [
    '$6$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    '$6$rounds=77777$short',
    'we have a short salt string but not a short password',
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
];

describe('sha512Crypt', () => {
  for (const [setting, password, expected] of SPEC_VECTORS) {
    it(`matches the specification for ${setting}`, () => {
      expect(sha512Crypt(password, setting)).toBe(expected);
    });
  }

  it('accepts a bare salt without the $6$ prefix', () => {
    expect(sha512Crypt('Hello world!', 'saltstring')).toBe(SPEC_VECTORS[0]?.[2]);
  });

  it('raises too few rounds to the minimum of 1000, as the specification says', () => {
    expect(sha512Crypt('pw', 'rounds=10$salt')).toBe(sha512Crypt('pw', 'rounds=1000$salt'));
    expect(sha512Crypt('pw', 'rounds=10$salt')).toMatch(/^\$6\$rounds=1000\$salt\$/);
  });

  it('draws a random 16-character salt when none is given', () => {
    const first = sha512Crypt('pw');
    const second = sha512Crypt('pw');
    expect(first).toMatch(SHA512_CRYPT_PATTERN);
    expect(first.split('$')[2]).toHaveLength(16);
    expect(first).not.toBe(second);
  });

  it('hashes non-ASCII passwords as UTF-8', () => {
    expect(sha512Crypt('pässwörd', 'salt')).not.toBe(sha512Crypt('passwort', 'salt'));
    expect(sha512Crypt('pässwörd', 'salt')).toMatch(SHA512_CRYPT_PATTERN);
  });

  it('rejects salts outside the crypt alphabet', () => {
    expect(() => sha512Crypt('pw', 'bad salt')).toThrow(/salt/);
    expect(() => sha512Crypt('pw', '$6$')).toThrow(/salt/);
  });
});
