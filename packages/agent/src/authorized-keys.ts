import { AgentError } from './errors';
import type { ExecOptions, Executor } from './transport/executor';
import { writeFileAtomically } from './write-file';

// Relative to the login user's home directory, where sshd starts every exec'd command.
export const AUTHORIZED_KEYS_PATH = '.ssh/authorized_keys';

const PUBLIC_KEY = /^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

/** `type base64` of a public key line: what identifies the key, whatever its comment. */
function keyIdentity(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** authorized_keys content with `publicKey` present exactly once; other lines kept as they are. */
export function mergeAuthorizedKeys(existing: string | null, publicKey: string): { content: string; added: boolean } {
  const key = publicKey.trim();
  if (!PUBLIC_KEY.test(key)) throw new AgentError('INVALID_ARGUMENT', 'not an OpenSSH public key line', {});
  const lines = (existing ?? '').split('\n').filter((l, i, all) => l.length > 0 || i < all.length - 1);
  const wanted = keyIdentity(key);
  // Options before the key type (e.g. `from="..." ssh-ed25519 ...`) still count as the same key.
  if (lines.some((l) => keyIdentity(l) === wanted || l.includes(` ${wanted}`))) return { content: `${lines.join('\n')}\n`, added: false };
  return { content: `${[...lines.filter((l) => l.length > 0), key].join('\n')}\n`, added: true };
}

/**
 * Installs `publicKey` in the login user's own authorized_keys (no sudo), atomically and private
 * (directory 700, file 600, as sshd's StrictModes requires).
 */
export async function authorizeKey(executor: Executor, publicKey: string, options: ExecOptions = {}): Promise<{ added: boolean }> {
  const current = await executor.exec(['cat', AUTHORIZED_KEYS_PATH], { ...options, sudo: false });
  let existing: string | null;
  if (current.exitCode === 0) existing = current.stdout;
  else if (/No such file or directory/.test(current.stderr)) existing = null;
  else throw new AgentError('COMMAND_FAILED', `cannot read ${AUTHORIZED_KEYS_PATH}: ${current.stderr.trim()}`, { stderr: current.stderr, exitCode: current.exitCode });
  const { content, added } = mergeAuthorizedKeys(existing, publicKey);
  if (!added) return { added };
  await writeFileAtomically(executor, AUTHORIZED_KEYS_PATH, content, { ...options, sudo: false });
  return { added };
}
