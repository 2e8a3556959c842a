import { isIP } from 'node:net';
import { publicKeyFingerprint } from '@bootfleet/agent';

export interface ReportedHostKey {
  publicKey: string;
  fingerprint: string;
}

/** Host key types in the order an SSH client (ssh2) asks for them: pin the one it will be shown. */
const KEY_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'ssh-rsa'];

/** The key an SSH client will be shown: reported fingerprints are recomputed, never trusted. */
export function chooseHostKey(keys: readonly ReportedHostKey[]): string | undefined {
  const verified = keys.flatMap((k) => {
    try {
      return publicKeyFingerprint(k.publicKey) === k.fingerprint ? [{ type: k.publicKey.trim().split(/\s+/)[0] ?? '', fingerprint: k.fingerprint }] : [];
    } catch {
      return [];
    }
  });
  const rank = (type: string) => (KEY_PREFERENCE.includes(type) ? KEY_PREFERENCE.indexOf(type) : KEY_PREFERENCE.length);
  return verified.sort((a, b) => rank(a.type) - rank(b.type))[0]?.fingerprint;
}

/** The address to reach the installed host at: the first IPv4 one, else the first IPv6 one. */
export function chooseAddress(addresses: readonly string[]): string | undefined {
  const plain = addresses.map((a) => a.split('/')[0] ?? '').filter((a) => isIP(a) !== 0);
  return plain.find((a) => isIP(a) === 4) ?? plain[0];
}

