import { utils } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519 } from './key-pair';

describe('generateEd25519', () => {
  it('only returns pairs that parse back (ssh2 sometimes generates keys it cannot read)', () => {
    for (let i = 0; i < 600; i++) {
      const pair = generateEd25519('test');
      const parsed = utils.parseKey(pair.privateKey);
      expect(parsed).not.toBeInstanceOf(Error);
      expect(pair.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+=* test$/);
    }
  });
});
