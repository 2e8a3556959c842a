// An OpenSSH public key line as it goes into `sshkey` and authorized_keys: no options prefix,
// a known key type, a base64 blob that really encodes that type, and a tame comment.
const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Printable ASCII except quotes and backslash: the comment ends up inside a quoted kickstart word.
const COMMENT = /^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]{1,256}$/;
const MAX_BLOB_LENGTH = 16_384;

export interface SshPublicKey {
  type: string;
  blob: string;
  comment?: string;
}

/** Parses one key line; returns an error message instead of throwing so zod can report it. */
export function parseSshPublicKey(line: string): SshPublicKey | string {
  const [type, blob, ...commentWords] = line.split(' ');
  if (type === undefined || !KEY_TYPES.has(type)) {
    return `key type must be one of ${[...KEY_TYPES].join(', ')} (no authorized_keys options)`;
  }
  if (blob === undefined || blob.length > MAX_BLOB_LENGTH || blob.length % 4 !== 0 || !BASE64.test(blob)) {
    return 'key data must be base64';
  }
  const decoded = Buffer.from(blob, 'base64');
  const embeddedTypeLength = decoded.length >= 4 ? decoded.readUInt32BE(0) : -1;
  if (embeddedTypeLength !== type.length || decoded.subarray(4, 4 + type.length).toString('latin1') !== type) {
    return `key data does not encode a ${type} key`;
  }
  if (commentWords.length === 0) return { type, blob };
  const comment = commentWords.join(' ');
  if (!COMMENT.test(comment)) {
    return 'key comment must be 1-256 printable ASCII characters without quotes or backslashes';
  }
  return { type, blob, comment };
}

export function formatSshPublicKey(key: SshPublicKey): string {
  return key.comment === undefined ? `${key.type} ${key.blob}` : `${key.type} ${key.blob} ${key.comment}`;
}
