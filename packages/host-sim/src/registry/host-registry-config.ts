// What a host's own files say about a registry: credentials from the first containers-auth.json
// bootc reads, `insecure = true` drop-ins and certs.d CAs. Pure functions over the virtual fs.
import { posix } from 'node:path';
import type { VirtualFs } from '../shell/virtual-fs';

/** bootc (ostree-ext) reads the first of these that exists; podman's auth file is not consulted. */
export const OSTREE_AUTH_PATHS = ['/run/ostree/auth.json', '/etc/ostree/auth.json', '/usr/lib/ostree/auth.json'];
export const REGISTRIES_CONF_DIR = '/etc/containers/registries.conf.d';

export interface HostRegistryAccess {
  credentials?: { username: string; password: string };
  insecure: boolean;
  caPem?: string;
}

function credentialsFor(fs: VirtualFs, registryHost: string): HostRegistryAccess['credentials'] {
  const path = OSTREE_AUTH_PATHS.find((p) => fs.read(p) !== undefined);
  if (!path) return undefined;
  try {
    const parsed = JSON.parse(fs.read(path) as string) as { auths?: Record<string, { auth?: string }> };
    const encoded = parsed.auths?.[registryHost]?.auth;
    if (!encoded) return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  } catch {
    return undefined;
  }
}

/** `[[registry]]` tables with `location = "host:port"` and `insecure = true`, as containers-registries.conf(5). */
function isInsecure(fs: VirtualFs, registryHost: string): boolean {
  return fs.list(REGISTRIES_CONF_DIR).filter((p) => p.endsWith('.conf')).some((path) => {
    const tables = (fs.read(path) ?? '').split(/^\s*\[\[registry\]\]\s*$/m).slice(1);
    return tables.some((table) => {
      const location = /^\s*location\s*=\s*"([^"]*)"/m.exec(table)?.[1];
      return location === registryHost && /^\s*insecure\s*=\s*true\b/m.test(table);
    });
  });
}

export function hostRegistryAccess(fs: VirtualFs, registryHost: string): HostRegistryAccess {
  const caPem = fs.read(posix.join('/etc/containers/certs.d', registryHost, 'ca.crt'));
  const credentials = credentialsFor(fs, registryHost);
  return { insecure: isInsecure(fs, registryHost), ...(credentials ? { credentials } : {}), ...(caPem ? { caPem } : {}) };
}
