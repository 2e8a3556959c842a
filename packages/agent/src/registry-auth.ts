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

/** Reads, merges and atomically rewrites /etc/ostree/auth.json (mode 600), plus the insecure drop-in. */
export async function writeRegistryAuth(executor: Executor, input: RegistryAuthInput, options: ExecOptions = {}): Promise<void> {
  if (!REGISTRY_HOST.test(input.registry)) {
    throw new AgentError('INVALID_ARGUMENT', `registry must be host[:port], got ${JSON.stringify(input.registry)}`);
  }
  const current = await executor.exec(['cat', OSTREE_AUTH_PATH], { ...options, sudo: true });
  const missing = current.exitCode !== 0 && /No such file or directory/.test(current.stderr);
  if (current.exitCode !== 0 && !missing) {
    throw new AgentError('COMMAND_FAILED', `cannot read ${OSTREE_AUTH_PATH}: ${current.stderr.trim()}`, { stderr: current.stderr });
  }
  await writeFileAtomically(executor, OSTREE_AUTH_PATH, mergeAuthFile(missing ? null : current.stdout, input), options);
  if (input.insecure) {
    const dropIn = insecureRegistryDropIn(input.registry);
    await writeFileAtomically(executor, dropIn.path, dropIn.content, options);
  }
}
