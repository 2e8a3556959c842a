import { z } from 'zod';
import {
  callHomeTokenRule,
  callHomeUrlRule,
  digestPinnedImageRule,
  registryHostRule,
  registrySecretRule,
  registryUsernameRule,
  sshPublicKeyRule,
} from './field-rules';

const registryAuthSchema = z.union(
  [
    z.strictObject({ registry: registryHostRule, username: registryUsernameRule, password: registrySecretRule }),
    z.strictObject({ registry: registryHostRule, token: registrySecretRule }),
  ],
  { error: 'registryAuth must be {registry, username, password} or {registry, token}' },
);

export const kickstartOptionsSchema = z.strictObject({
  /** Digest-pinned reference the host installs and then tracks: `registry/repo@sha256:...`. */
  image: digestPinnedImageRule,
  /** The ISO carries the image as an OCI layout at /container (template built with the image). */
  offline: z.boolean(),
  /** The fleet manager's SSH key, authorised for root. */
  fleetPublicKey: sshPublicKeyRule,
  registryAuth: registryAuthSchema.optional(),
  insecureRegistries: z
    .array(registryHostRule)
    .max(16, 'at most 16 insecure registries')
    .default([])
    .refine((hosts) => new Set(hosts).size === hosts.length, 'insecure registries must not repeat'),
  callHome: z.strictObject({ url: callHomeUrlRule, token: callHomeTokenRule }).optional(),
  /**
   * Salt for `{plain}` passwords, per user name. Omitted, each hash gets a random salt; give one
   * only where output must be reproducible (golden tests).
   */
  passwordSalt: z
    .custom<(userName: string) => string>((value) => typeof value === 'function', 'passwordSalt must be a function')
    .optional(),
});

export type KickstartOptions = z.input<typeof kickstartOptionsSchema>;
export type ValidKickstartOptions = z.output<typeof kickstartOptionsSchema>;
