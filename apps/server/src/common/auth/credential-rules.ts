import { z } from 'zod';

/**
 * User names end up in audit lines, CSV exports and log fields: a conservative alphabet keeps them
 * free of separators, quotes, control characters and look-alike unicode.
 */
export const usernameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{0,63}$/, 'must be 1-64 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter');

/** Long passphrases are welcome; the upper bound only stops absurd bodies from reaching the hash. */
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(1024, 'must be at most 1024 characters');

/**
 * Free text that is only ever data (search filters, the name typed at sign-in): bounded, and without
 * control characters, which PostgreSQL refuses (NUL) or which forge lines in logs and exports.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const plainText = (max: number) => z.string().max(max).refine((v) => !CONTROL_CHARACTERS.test(v), 'must not contain control characters');
