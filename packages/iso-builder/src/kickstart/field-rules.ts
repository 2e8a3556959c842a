import { z } from 'zod';
import { parseSshPublicKey, formatSshPublicKey } from './ssh-public-key';
import { SHA512_CRYPT_PATTERN } from './sha512-crypt';

// Every pattern here is an allow-list: a value that passes can be placed in a kickstart or shell
// line without any quoting surprises, because none of them admits quotes, backslashes, blanks,
// `#`, `$` (outside crypt hashes) or control characters.

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

/** RFC 1123 host name (an FQDN is recommended), lower case, at most 253 characters. */
export const hostnameRule = z
  .string()
  .max(253, 'host name must be at most 253 characters')
  .regex(HOSTNAME, 'host name must be RFC 1123: dot-separated labels of a-z, 0-9 and inner hyphens, 1-63 characters each')
  .refine((name) => !/^[0-9]+$/.test(name.split('.').at(-1) ?? ''), 'host name must not end in an all-numeric label');

// POSIX portable user and group names (lower-case flavour used by shadow-utils' defaults).
const ACCOUNT_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
// Accounts that images already carry: `user` on them would rewrite a system account.
const RESERVED_USER_NAMES = new Set([
  'root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'operator', 'games', 'ftp',
  'nobody', 'dbus', 'polkitd', 'sshd', 'chrony', 'tss', 'systemd-network', 'systemd-resolve',
  'systemd-timesync', 'systemd-oom', 'systemd-coredump', 'core',
]);

export const userNameRule = z
  .string()
  .regex(ACCOUNT_NAME, 'user name must match ^[a-z_][a-z0-9_-]{0,31}$ (POSIX portable, lower case)')
  .refine((name) => !RESERVED_USER_NAMES.has(name), 'user name is reserved for a system account');

export const groupNameRule = z.string().regex(ACCOUNT_NAME, 'group name must match ^[a-z_][a-z0-9_-]{0,31}$');

export const sshPublicKeyRule = z
  .string()
  .max(20_000, 'SSH public key is too long')
  .transform((line, ctx) => {
    const parsed = parseSshPublicKey(line.trim());
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: `invalid SSH public key: ${parsed}` });
      return z.NEVER;
    }
    return formatSshPublicKey(parsed);
  });

export const passwordRule = z.union(
  [
    z.strictObject({ plain: z.string().min(1, 'password must not be empty').max(1024, 'password must be at most 1024 characters') }),
    z.strictObject({
      hash: z
        .string()
        .regex(SHA512_CRYPT_PATTERN, 'password hash must be a SHA-512 crypt value ($6$[rounds=N$]salt$86 characters)')
        .refine((hash) => {
          const rounds = /^\$6\$rounds=([0-9]+)\$/.exec(hash)?.[1];
          return rounds === undefined || (Number(rounds) >= 1000 && Number(rounds) <= 999_999_999);
        }, 'password hash rounds must be between 1000 and 999999999'),
    }),
  ],
  { error: 'password must be {"plain": "..."} or {"hash": "$6$..."}' },
);

// Linux interface names (IFNAMSIZ 16 including NUL, no '/' or blanks) or a MAC address.
const INTERFACE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,15}$/;
const MAC_ADDRESS = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/;
export const interfaceRule = z
  .string()
  .refine((name) => INTERFACE_NAME.test(name) || MAC_ADDRESS.test(name), 'interface must be a Linux interface name (1-15 of A-Za-z0-9_.-) or a MAC address');

const DEVICE_SEGMENT = '(?!\\.{1,2}(?:/|$))[A-Za-z0-9._:-]+';
const DEVICE_PATH = new RegExp(`^/dev/(?:${DEVICE_SEGMENT}/)*${DEVICE_SEGMENT}$`);
export const devicePathRule = z
  .string()
  .max(255, 'disk path must be at most 255 characters')
  .regex(DEVICE_PATH, 'disk path must be under /dev/, made of [A-Za-z0-9._:-] segments, without . or .. segments');

export const diskIdRule = z
  .string()
  .max(200, 'disk id must be at most 200 characters')
  .regex(/^(?!\.{1,2}$)[A-Za-z0-9._:-]+$/, 'disk id must be a /dev/disk/by-id/ name of [A-Za-z0-9._:-]');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timezoneRule = z
  .string()
  .max(64, 'time zone must be at most 64 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/, 'time zone must be an IANA name such as Europe/Berlin or UTC')
  .refine(isKnownTimeZone, 'time zone is not in the IANA database');

export const localeRule = z
  .string()
  .regex(/^[a-z]{2,3}(?:_[A-Z]{2})?(?:\.(?:UTF-8|utf8))?(?:@[a-z]+)?$/, 'locale must look like en_US.UTF-8');

export const keyboardRule = z
  .string()
  .max(48, 'keyboard must be at most 48 characters')
  .regex(/^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/, 'keyboard must be a console keymap name such as us or de-nodeadkeys');

const DOMAIN = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*';
const PORT = '(?::[0-9]{1,5})?';

/** A registry as containers-registries.conf and auth.json name it: `host[:port]`. */
export const registryHostRule = z
  .string()
  .max(253, 'registry must be at most 253 characters')
  .regex(new RegExp(`^${DOMAIN}${PORT}$`), 'registry must be host or host:port');

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DIGEST_PINNED_REFERENCE = new RegExp(`^(${DOMAIN}${PORT})(?:/${PATH_COMPONENT})+@sha256:[0-9a-f]{64}$`);

/** A fully qualified, digest-pinned image reference: `registry[:port]/path@sha256:<64 hex>`. */
export const digestPinnedImageRule = z
  .string()
  .max(512, 'image reference must be at most 512 characters')
  .regex(DIGEST_PINNED_REFERENCE, 'image must be a digest-pinned reference registry/repository@sha256:<64 lower-case hex>')
  .refine((ref) => {
    const domain = DIGEST_PINNED_REFERENCE.exec(ref)?.[1] ?? '';
    return domain.includes('.') || domain.includes(':') || domain === 'localhost';
  }, 'image must name its registry (a host with a dot or a port, or localhost)');

// Visible ASCII and the blank: credentials are base64-encoded before reaching any script, this
// only keeps them sane and free of the ':' that would split `user:password`.
export const registryUsernameRule = z
  .string()
  .min(1, 'username must not be empty')
  .max(256, 'username must be at most 256 characters')
  .regex(/^[\x21-\x39\x3b-\x7e]+$/, 'username must be visible ASCII without ":"');

export const registrySecretRule = z
  .string()
  .min(1, 'secret must not be empty')
  .max(4096, 'secret must be at most 4096 characters')
  .regex(/^[\x20-\x7e]+$/, 'secret must be printable ASCII');

/** A one-time enrolment token: URL-safe characters only. */
export const callHomeTokenRule = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{16,512}$/, 'call-home token must be 16-512 characters of A-Za-z0-9._~-');

export const callHomeUrlRule = z
  .string()
  .max(2048, 'call-home url must be at most 2048 characters')
  .regex(/^https?:\/\/[A-Za-z0-9._~:/?[\]@!$&()*+,;=%-]+$/, 'call-home url must be http(s) and use only URL characters (no quotes or blanks)')
  .refine((url) => {
    try {
      const parsed = new URL(url);
      return parsed.username === '' && parsed.password === '' && parsed.hash === '';
    } catch {
      return false;
    }
  }, 'call-home url must parse, without credentials or fragment');
