import type { Readable } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { AgentError } from '../errors';
import { fingerprintOf, isFingerprint, keyTypeOf } from './fingerprint';

export interface SshCredentials {
  /** OpenSSH or PEM private key (ed25519, ECDSA, RSA). */
  readonly privateKey?: string | Buffer;
  readonly passphrase?: string;
  readonly password?: string;
}

export interface SshEndpoint extends SshCredentials {
  readonly host: string;
  readonly port?: number;
  readonly username: string;
  /** The pinned host key, `SHA256:...` as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
}

export interface ConnectSettings {
  readonly connectTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly keepaliveCountMax: number;
  readonly signal?: AbortSignal;
}

export interface PresentedHostKey {
  readonly fingerprint: string;
  readonly keyType: string;
}

function describe(endpoint: { host: string; port?: number }): string {
  return `${endpoint.host}:${endpoint.port ?? 22}`;
}

function baseConfig(endpoint: SshEndpoint | Omit<SshEndpoint, 'hostKeyFingerprint'>, settings: ConnectSettings, sock?: Readable): ConnectConfig {
  return {
    host: endpoint.host,
    port: endpoint.port ?? 22,
    username: endpoint.username,
    privateKey: endpoint.privateKey,
    passphrase: endpoint.passphrase,
    password: endpoint.password,
    readyTimeout: settings.connectTimeoutMs,
    keepaliveInterval: settings.keepaliveIntervalMs,
    keepaliveCountMax: settings.keepaliveCountMax,
    ...(sock ? { sock } : {}),
  };
}

/**
 * Opens an authenticated connection, refusing any host key but the pinned one.
 * `sock` carries the connection through a jump host.
 */
export function openVerifiedClient(endpoint: SshEndpoint, settings: ConnectSettings, sock?: Readable): Promise<Client> {
  const where = describe(endpoint);
  if (!isFingerprint(endpoint.hostKeyFingerprint)) {
    return Promise.reject(
      new AgentError('HOST_KEY_UNKNOWN', `no pinned host key for ${where}; approve one from probeHostKey() first`, {
        host: where,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presented: string | null = null;
    let settled = false;
    const settle = (error: AgentError | null) => {
      if (settled) return;
      settled = true;
      settings.signal?.removeEventListener('abort', onAbort);
      if (error) {
        // destroy, not end: a half-open handshake must not leave the socket behind.
        client.destroy();
        reject(error);
      } else resolve(client);
    };
    const onAbort = () => settle(new AgentError('CANCELLED', `connecting to ${where} was cancelled`, { host: where }));
    if (settings.signal?.aborted) return onAbort();
    settings.signal?.addEventListener('abort', onAbort, { once: true });

    client.on('ready', () => settle(null));
    client.on('error', (error: Error & { level?: string }) => settle(classifyConnectError(error, where, endpoint.hostKeyFingerprint, presented)));
    client.on('close', () => settle(new AgentError('CONNECTION_LOST', `connection to ${where} closed during the handshake`, { host: where })));
    try {
      client.connect({
        ...baseConfig(endpoint, settings, sock),
        hostVerifier: (key: Buffer) => {
          presented = fingerprintOf(key);
          return presented === endpoint.hostKeyFingerprint;
        },
      });
      // SSH is request/response with small packets: Nagle plus delayed ACKs would add ~40 ms stalls.
      client.setNoDelay(true);
    } catch (error) {
      // ssh2 throws synchronously for unreadable keys (wrong or missing passphrase).
      settle(new AgentError('AUTH_FAILED', `cannot use the private key for ${where}: ${(error as Error).message}`, { host: where }, { cause: error }));
    }
  });
}

function classifyConnectError(error: Error & { level?: string }, where: string, expected: string, presented: string | null): AgentError {
  if (presented !== null && presented !== expected) {
    return new AgentError('HOST_KEY_MISMATCH', `host key of ${where} is ${presented}, pinned ${expected}`, {
      host: where,
      presentedFingerprint: presented,
      expectedFingerprint: expected,
    });
  }
  if (error.level === 'client-timeout') {
    return new AgentError('CONNECT_TIMEOUT', `no SSH handshake with ${where} in time`, { host: where }, { cause: error });
  }
  if (error.level === 'client-authentication') {
    return new AgentError('AUTH_FAILED', `authentication to ${where} failed: ${error.message}`, { host: where }, { cause: error });
  }
  // Refused, reset, unreachable: the host is (for now) not answering, e.g. while it reboots.
  return new AgentError('CONNECTION_LOST', `cannot reach ${where}: ${error.message}`, { host: where }, { cause: error });
}

/** Opens a TCP stream to target through an established connection (the jump host). */
export function forwardThrough(jump: Client, target: { host: string; port?: number }): Promise<Readable> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, target.host, target.port ?? 22, (error, stream) => {
      if (error) reject(new AgentError('CONNECTION_LOST', `jump host cannot reach ${describe(target)}: ${error.message}`, {}, { cause: error }));
      else resolve(stream);
    });
  });
}

/**
 * First contact: returns the host key the server presents, never authenticating and never trusting it.
 * An operator approves the fingerprint, which is then pinned for every later connection.
 */
export function probeHostKey(
  endpoint: { host: string; port?: number },
  settings: Pick<ConnectSettings, 'connectTimeoutMs' | 'signal'>,
  sock?: Readable,
): Promise<PresentedHostKey> {
  const where = describe(endpoint);
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presented: PresentedHostKey | null = null;
    const finish = () => {
      settings.signal?.removeEventListener('abort', onAbort);
      client.end();
      if (presented) resolve(presented);
    };
    const onAbort = () => {
      client.end();
      reject(new AgentError('CANCELLED', `probing ${where} was cancelled`, { host: where }));
    };
    settings.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('error', (error: Error & { level?: string }) => {
      if (presented) return finish();
      settings.signal?.removeEventListener('abort', onAbort);
      reject(classifyConnectError(error, where, '', null));
    });
    client.on('close', finish);
    client.connect({
      host: endpoint.host,
      port: endpoint.port ?? 22,
      username: 'probe',
      readyTimeout: settings.connectTimeoutMs,
      ...(sock ? { sock } : {}),
      hostVerifier: (key: Buffer) => {
        presented = { fingerprint: fingerprintOf(key), keyType: keyTypeOf(key) };
        return false;
      },
    });
  });
}
