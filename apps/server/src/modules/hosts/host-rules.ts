import { isIP } from 'node:net';
import { z } from 'zod';

// Everything here ends up in SSH connection parameters, shell-free argv, file names or the
// dashboard: conservative alphabets, checked before anything is stored or sent.

export const hostNameSchema = z
  .string()
  .min(1, 'is required')
  .max(63, 'must be at most 63 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain letters, digits, ".", "_" and "-", starting with a letter or digit');

const DNS_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export const addressSchema = z
  .string()
  .min(1, 'is required')
  .max(253, 'must be at most 253 characters')
  .refine((v) => isIP(v) !== 0 || (DNS_NAME.test(v) && !/^[0-9.]+$/.test(v)), 'must be an IPv4 or IPv6 address or a DNS name');

export const portSchema = z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 65535').max(65_535, 'must be 1 to 65535');

export const sshUserSchema = z
  .string()
  .min(1, 'is required')
  .max(32, 'must be at most 32 characters')
  .regex(/^[a-z_][a-z0-9_-]*\$?$/, 'must be a POSIX user name (lower-case letters, digits, "_" and "-")');

export const fingerprintSchema = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be an OpenSSH SHA256 fingerprint (SHA256: followed by 43 base64 characters)');

export const groupSchema = hostNameSchema;

export const labelKeySchema = z
  .string()
  .min(1, 'label keys cannot be empty')
  .max(63, 'label keys must be at most 63 characters')
  .regex(/^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?$/, 'label keys use lower-case letters, digits, ".", "_", "/" and "-"');

export const labelValueSchema = z
  .string()
  .max(128, 'label values must be at most 128 characters')
  .regex(/^[A-Za-z0-9._:@+-]*$/, 'label values use letters, digits and . _ : @ + -');

export const labelsSchema = z
  .record(labelKeySchema, labelValueSchema)
  .refine((l) => Object.keys(l).length <= 64, 'at most 64 labels');

/** `key=value` as typed in forms, filters and inventories. */
export function parseLabel(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`"${text}" is not key=value`);
  const key = labelKeySchema.parse(text.slice(0, eq));
  const value = labelValueSchema.parse(text.slice(eq + 1));
  return [key, value];
}

export const privateKeySchema = z
  .string()
  .min(1, 'is required')
  .max(16_384, 'is too large for an SSH private key')
  .regex(/^-----BEGIN (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----/, 'must be a PEM or OpenSSH private key');
