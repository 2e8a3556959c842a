import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistryEndpoint } from '../registry-client';
import { createSelfSignedCertificate } from './certificates';
import { freeLoopbackPort } from './free-port';
import { renderRegistryConfig, type RegistryAuthConfig } from './registry-config';
import { runCommand } from './run-command';
import { startTokenServer, type TokenServer } from './token-server';
import { waitUntil } from './wait-until';

export interface StartRegistryOptions {
  auth?: 'none' | 'basic' | 'token';
  username?: string;
  password?: string;
  /** Serve HTTPS with a fresh self-signed certificate (its PEM is returned as caPem). */
  tls?: boolean;
}

export interface TestRegistry {
  /** http(s)://127.0.0.1:port */
  url: string;
  /** 127.0.0.1:port, as used in image references. */
  host: string;
  username?: string;
  password?: string;
  /** The self-signed CA when started with tls. */
  caPem?: string;
  /** The registry's filesystem storage (docker/registry/v2/...), e.g. to corrupt a blob on purpose. */
  storageDir: string;
  /** A RegistryClient endpoint with this registry's credentials and CA. */
  endpoint: RegistryEndpoint;
  /** Tokens issued so far ('token' auth only; 0 otherwise). */
  tokensIssued(): number;
  stop(): Promise<void>;
}

const STDERR_TAIL = 16 * 1024;
const START_ATTEMPTS = 3;
const TOKEN_SERVICE = 'bootfleet-test-registry';
const TOKEN_ISSUER = 'bootfleet-test-issuer';

async function writeHtpasswd(path: string, username: string, password: string): Promise<void> {
  // Distribution only accepts bcrypt entries; -i reads the password from stdin, off the argv.
  const line = await runCommand('htpasswd', ['-niB', username], { input: `${password}\n` });
  await writeFile(path, line, { mode: 0o600 });
}

/** Any HTTP answer from /v2/ (200 or 401) means the registry is serving. */
function probe(url: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(`${url}/v2/`, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    request.on('error', () => resolve(undefined));
    request.on('timeout', () => request.destroy());
    request.end();
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const done = exited(child);
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await done;
  clearTimeout(killTimer);
}

async function launch(configPath: string, url: string): Promise<ChildProcess> {
  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`docker-registry could not start: ${e.message}`))));
  const ready = waitUntil(`docker-registry at ${url}`, async () => {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${stderr.trim()}`);
    return probe(url);
  });
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return child;
}

/**
 * Starts Debian's docker-registry (Docker Distribution 2.8) on a free loopback port with storage in
 * a temp dir. 'basic' uses a bcrypt htpasswd file; 'token' adds a Node token server so clients go
 * through the real Bearer challenge. Fails loudly, with the registry's stderr, if it cannot start.
 */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<TestRegistry> {
  const auth = opts.auth ?? 'none';
  const username = auth === 'none' ? undefined : (opts.username ?? 'fleet');
  const password = auth === 'none' ? undefined : (opts.password ?? `pw-${randomBytes(8).toString('hex')}`);
  const root = await mkdtemp(join(tmpdir(), 'bootfleet-registry-'));
  let tokenServer: TokenServer | undefined;
  try {
    await mkdir(join(root, 'storage'));
    const tls = opts.tls ? await createSelfSignedCertificate(root, 'registry') : undefined;
    let authConfig: RegistryAuthConfig = { kind: 'none' };
    if (auth === 'basic') {
      authConfig = { kind: 'htpasswd', path: join(root, 'htpasswd') };
      await writeHtpasswd(authConfig.path, username as string, password as string);
    } else if (auth === 'token') {
      const signer = await createSelfSignedCertificate(root, 'token-signer');
      tokenServer = await startTokenServer({ issuer: TOKEN_ISSUER, service: TOKEN_SERVICE, username: username as string, password: password as string, keyPem: signer.keyPem, certPem: signer.certPem });
      authConfig = { kind: 'token', realm: tokenServer.realm, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, rootCertBundle: signer.certPath };
    }

    let lastError: unknown;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const port = await freeLoopbackPort();
      const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
      const configPath = join(root, 'config.yml');
      await writeFile(configPath, renderRegistryConfig({
        port,
        storageDir: join(root, 'storage'),
        auth: authConfig,
        secret: randomBytes(16).toString('hex'),
        ...(tls ? { tls: { certificate: tls.certPath, key: tls.keyPath } } : {}),
      }));
      try {
        const child = await launch(configPath, url);
        const server = tokenServer;
        const credentials = username !== undefined && password !== undefined ? { username, password } : undefined;
        return {
          url,
          host: `127.0.0.1:${port}`,
          storageDir: join(root, 'storage'),
          ...(credentials ?? {}),
          ...(tls ? { caPem: tls.certPem } : {}),
          endpoint: { url, ...(credentials ? { credentials } : {}), ...(tls ? { caPem: tls.certPem } : {}) },
          tokensIssued: () => server?.issued() ?? 0,
          stop: async () => {
            await stopProcess(child);
            await server?.stop();
            await rm(root, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // Another process may have taken the port between probing and binding: try a new one.
        lastError = error;
      }
    }
    throw lastError;
  } catch (error) {
    await tokenServer?.stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
