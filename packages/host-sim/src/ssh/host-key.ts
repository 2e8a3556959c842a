import { generateEd25519 as generateKeyPair, publicKeyFingerprint, type SshKeyPair } from '@bootfleet/agent';

export type { SshKeyPair };

export function generateEd25519(comment = 'bootfleet-host-sim'): SshKeyPair {
  return generateKeyPair(comment);
}

/** OpenSSH's `SHA256:...` fingerprint (unpadded base64 of the key blob's SHA-256). */
export const fingerprintOf = publicKeyFingerprint;
