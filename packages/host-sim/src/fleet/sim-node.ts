// Assembles one simulated host: bootc state booting a resolved image, the files a stock host (or
// a pre-provisioned one) has, and its SSH endpoint.
import { parseImageReference, RegistryClient, type RegistryCredentials } from '@bootfleet/oci';
import { SimHost } from '../host/sim-host';
import { homeDirectory } from '../shell/command-types';
import { OSTREE_AUTH_PATHS, REGISTRIES_CONF_DIR } from '../registry/host-registry-config';
import type { ImageFetcher, ReachableRegistry } from '../registry/image-fetcher';
import { createHostState } from '../state/host-state';
import type { FetchedImage, ImageReference, TimerState } from '../state/types';
import type { SshKeyPair } from '../ssh/host-key';
import { SimSshServer, type RebootDisconnect } from '../ssh/sim-ssh-server';

export interface SimRegistry extends ReachableRegistry {
  /** What the simulator itself uses to resolve initial images (hosts use their own auth.json). */
  credentials?: RegistryCredentials;
}

export interface ResolvedImage {
  image: ImageReference;
  fetched: FetchedImage;
}

/** Resolves `HOST:PORT/REPO:TAG` once, for every host that boots it. */
export async function resolveImage(registry: SimRegistry, ref: string, architecture = 'amd64'): Promise<ResolvedImage> {
  const parsed = parseImageReference(ref);
  const client = new RegistryClient({
    url: registry.url,
    ...(registry.caPem ? { caPem: registry.caPem } : {}),
    ...(registry.credentials ? { credentials: registry.credentials } : {}),
  });
  const resolved = await client.resolve(parsed.repository, parsed.digest ?? parsed.tag ?? 'latest', { architecture });
  return {
    image: { image: ref, transport: 'registry' },
    fetched: { digest: resolved.digest, version: resolved.version, created: resolved.created, architecture: resolved.architecture ?? architecture },
  };
}

export interface ProvisionOptions {
  /** Write the registries.conf.d drop-in (plain HTTP) or certs.d CA (TLS) that lets the host reach the registry. Default true. */
  trustRegistry?: boolean;
  /** Write the registry credentials to /etc/ostree/auth.json (a stock host has none). Default false. */
  credentials?: boolean;
}

/** The files that make a host able to pull from registry, as an operator (or bootfleet) would write them. */
export function registryFiles(registry: SimRegistry, provision: ProvisionOptions = {}): Record<string, string> {
  const host = new URL(registry.url).host;
  const files: Record<string, string> = {};
  if (provision.trustRegistry ?? true) {
    if (registry.url.startsWith('http:')) {
      files[`${REGISTRIES_CONF_DIR}/bootfleet-sim.conf`] = `[[registry]]\nlocation = "${host}"\ninsecure = true\n`;
    } else if (registry.caPem) {
      files[`/etc/containers/certs.d/${host}/ca.crt`] = registry.caPem;
    }
  }
  const creds = registry.credentials;
  if (provision.credentials && creds && 'username' in creds) {
    const auth = Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
    files[OSTREE_AUTH_PATHS[1] as string] = `${JSON.stringify({ auths: { [host]: { auth } } })}\n`;
  }
  return files;
}

export interface SimNodeOptions {
  name: string;
  address: string;
  port: number;
  booted: ResolvedImage;
  rollback?: ResolvedImage;
  fetcher: ImageFetcher;
  files?: Record<string, string>;
  /** The non-root login (NOPASSWD sudo unless the sudoPassword fault is set); root may log in too. */
  user?: string;
  authorizedKeys: string[];
  password?: string;
  hostKey?: SshKeyPair;
  bootcVersion?: string;
  autoUpdateTimer?: TimerState;
  softRebootPossible?: boolean;
  hostname?: string;
  osRelease?: string;
  rebootDelayMs?: number;
  rebootDisconnect?: RebootDisconnect;
}

export interface SimNode {
  host: SimHost;
  ssh: SimSshServer;
  user: string;
}

export async function startSimNode(opts: SimNodeOptions): Promise<SimNode> {
  const state = createHostState({
    booted: opts.booted,
    ...(opts.rollback ? { rollback: opts.rollback } : {}),
    bootId: crypto.randomUUID(),
    ...(opts.bootcVersion ? { bootcVersion: opts.bootcVersion } : {}),
    ...(opts.autoUpdateTimer ? { autoUpdateTimer: opts.autoUpdateTimer } : {}),
    ...(opts.softRebootPossible !== undefined ? { softRebootPossible: opts.softRebootPossible } : {}),
    architecture: opts.booted.fetched.architecture,
  });
  const host = new SimHost({
    name: opts.name,
    state,
    fetcher: opts.fetcher,
    ...(opts.files ? { files: opts.files } : {}),
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    ...(opts.osRelease ? { osRelease: opts.osRelease } : {}),
    ...(opts.rebootDelayMs !== undefined ? { rebootDelayMs: opts.rebootDelayMs } : {}),
  });
  const user = opts.user ?? 'core';
  // useradd made the homes: sshd starts commands there and reads ~/.ssh/authorized_keys from them.
  for (const login of [{ name: user, isRoot: user === 'root' }, { name: 'root', isRoot: true }]) host.fs.mkdirp(homeDirectory(login));
  const login = { authorizedKeys: opts.authorizedKeys, ...(opts.password !== undefined ? { password: opts.password } : {}) };
  const ssh = new SimSshServer({
    host,
    address: opts.address,
    port: opts.port,
    logins: [{ user, ...login }, { user: 'root', ...login }],
    ...(opts.hostKey ? { hostKey: opts.hostKey } : {}),
    ...(opts.rebootDisconnect ? { rebootDisconnect: opts.rebootDisconnect } : {}),
  });
  await ssh.start();
  return { host, ssh, user };
}
