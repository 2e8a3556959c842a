import { AgentError } from './errors';
import type { ExecOptions, Executor } from './transport/executor';
import { writeFileAtomically } from './write-file';

export const OSTREE_AUTH_PATH = '/etc/ostree/auth.json';
export const REGISTRIES_CONF_DIR = '/etc/containers/registries.conf.d';

export interface RegistryAuthInput {
  /** host[:port] exactly as image references name the registry. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
  /** Plain HTTP or a self-signed certificate: also writes a registries.conf.d drop-in. */
  readonly insecure?: boolean;
}

interface AuthFile {
  auths: Record<string, { auth: string } & Record<string, unknown>>;
  [key: string]: unknown;
}

const REGISTRY_HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$/;

/** Merges one registry's credentials into the host's containers-auth.json content. */
export function mergeAuthFile(existing: string | null, input: RegistryAuthInput): string {
  let file: AuthFile = { auths: {} };
  if (existing !== null && existing.trim().length > 0) {
    try {
      file = JSON.parse(existing) as AuthFile;
    } catch (error) {
      // Never overwrite credentials we cannot read: someone else wrote them.
      throw new AgentError('PARSE_FAILED', `${OSTREE_AUTH_PATH} on the host is not JSON`, { raw: existing }, { cause: error });
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new AgentError('PARSE_FAILED', `${OSTREE_AUTH_PATH} is not an object`, { raw: existing });
    file.auths = typeof file.auths === 'object' && file.auths !== null ? file.auths : {};
  }
  const auth = Buffer.from(`${input.username}:${input.password}`, 'utf8').toString('base64');
  file.auths[input.registry] = { auth };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function insecureRegistryDropIn(registry: string): { path: string; content: string } {
  return {
    path: `${REGISTRIES_CONF_DIR}/bootfleet-${registry.replace(/[^A-Za-z0-9.-]/g, '_')}.conf`,
    content: `# Written by bootfleet\n[[registry]]\nlocation = "${registry}"\ninsecure = true\n`,
  };
}

function checkRegistry(registry: string): void {
  if (!REGISTRY_HOST.test(registry)) {
    throw new AgentError('INVALID_ARGUMENT', `registry must be host[:port], got ${JSON.stringify(registry)}`);
  }
}

/** A root-owned file's content, or null when it does not exist. */
async function readRootFile(executor: Executor, path: string, options: ExecOptions): Promise<string | null> {
  const current = await executor.exec(['cat', path], { ...options, sudo: true });
  if (current.exitCode === 0) return current.stdout;
  if (/No such file or directory/.test(current.stderr)) return null;
  throw new AgentError('COMMAND_FAILED', `cannot read ${path}: ${current.stderr.trim()}`, { stderr: current.stderr });
}

/** Reads, merges and atomically rewrites /etc/ostree/auth.json (mode 600), plus the insecure drop-in. */
export async function writeRegistryAuth(executor: Executor, input: RegistryAuthInput, options: ExecOptions = {}): Promise<void> {
  checkRegistry(input.registry);
  const current = await readRootFile(executor, OSTREE_AUTH_PATH, options);
  await writeFileAtomically(executor, OSTREE_AUTH_PATH, mergeAuthFile(current, input), options);
  if (input.insecure) await trustInsecureRegistry(executor, input.registry, options);
}

/** Lets the host pull from a plain-HTTP or self-signed registry (registries.conf.d drop-in). */
export async function trustInsecureRegistry(executor: Executor, registry: string, options: ExecOptions = {}): Promise<void> {
  checkRegistry(registry);
  const dropIn = insecureRegistryDropIn(registry);
  await writeFileAtomically(executor, dropIn.path, dropIn.content, options);
}

export interface RegistryAccess {
  /** /etc/ostree/auth.json has credentials for the registry. */
  readonly credentials: boolean;
  /** bootfleet's drop-in marks the registry insecure. */
  readonly insecure: boolean;
}

/** What the host has been given to pull from `registry` (host[:port]). Reads only. */
export async function readRegistryAccess(executor: Executor, registry: string, options: ExecOptions = {}): Promise<RegistryAccess> {
  checkRegistry(registry);
  const auth = await readRootFile(executor, OSTREE_AUTH_PATH, options);
  let credentials = false;
  if (auth !== null && auth.trim()) {
    try {
      const parsed = JSON.parse(auth) as { auths?: Record<string, unknown> };
      credentials = Boolean(parsed.auths && typeof parsed.auths === 'object' && registry in parsed.auths);
    } catch (error) {
      throw new AgentError('PARSE_FAILED', `${OSTREE_AUTH_PATH} on the host is not JSON`, { raw: auth }, { cause: error });
    }
  }
  const dropIn = await readRootFile(executor, insecureRegistryDropIn(registry).path, options);
  return { credentials, insecure: dropIn !== null && /^\s*insecure\s*=\s*true\s*$/m.test(dropIn) };
}
