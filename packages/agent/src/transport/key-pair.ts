import { utils } from 'ssh2';
import { fingerprintOf } from './fingerprint';

export interface SshKeyPair {
  /** OpenSSH private key (PEM-armoured "OPENSSH PRIVATE KEY"). */
  privateKey: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicKey: string;
}

export function generateEd25519(comment: string): SshKeyPair {
  // ssh2 1.17 drops a leading zero byte of the public key (about 1 key in 256), producing a key it
  // cannot parse back: draw again until the pair round-trips.
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (!(utils.parseKey(pair.private) instanceof Error)) return { privateKey: pair.private, publicKey: pair.public.trim() };
  }
}

/** OpenSSH's `SHA256:...` fingerprint of a public key line (`type base64 [comment]`). */
export function publicKeyFingerprint(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob) throw new Error('not an OpenSSH public key line');
  return fingerprintOf(Buffer.from(blob, 'base64'));
}
