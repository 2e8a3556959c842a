import { randomBytes } from 'node:crypto';
import { randomSecret } from '../auth/secret-token';

/**
 * `bft_<prefix>_<secret>`: the recognisable `bft_` start lets secret scanners find leaked tokens,
 * the prefix (shown in the dashboard) finds the row, the secret is 256 random bits.
 */
const TOKEN = /^bft_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function newApiToken(): { token: string; prefix: string } {
  const prefix = randomBytes(6).toString('hex');
  return { token: `bft_${prefix}_${randomSecret()}`, prefix };
}

export function apiTokenPrefix(token: string): string | undefined {
  return TOKEN.exec(token)?.[1];
}
