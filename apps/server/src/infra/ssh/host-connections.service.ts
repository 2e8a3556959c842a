import {
  AgentError,
  BootcClient,
  type Logger as AgentLogger,
  type OutputStream,
  probeHostKey,
  type PresentedHostKey,
  Semaphore,
  type SshCredentials,
  SshTransport,
} from '@bootfleet/agent';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { registerSealedField } from '../secrets/sealed-fields';
import { SecretBox } from '../secrets/secret-box.service';
import { FleetKeyService } from './fleet-key.service';
import { KeyedMutex } from './keyed-mutex';

const keyContext = (hostId: string) => `host:${hostId}:ssh-key`;
const passphraseContext = (hostId: string) => `host:${hostId}:ssh-passphrase`;
registerSealedField({ model: 'host', field: 'sshPrivateKeySealed', context: (row) => keyContext(row.id) });
registerSealedField({ model: 'host', field: 'sshPassphraseSealed', context: (row) => passphraseContext(row.id) });

const IDLE_CLOSE_MS = 5 * 60_000;

/** What the pool needs to know about a host to reach it. */
export interface HostTarget {
  id: string;
  address: string;
  port: number;
  sshUser: string;
  hostKeyFingerprint: string | null;
  credentialKind: 'fleet_key' | 'uploaded_key';
  sshPrivateKeySealed: string | null;
  sshPassphraseSealed: string | null;
}

export interface HostSession {
  transport: SshTransport;
  bootc: BootcClient;
}

export interface SessionOptions {
  onLine?: (line: string, stream: OutputStream) => void;
}

interface PooledTransport {
  transport: SshTransport;
  /** Connection settings the transport was made with; a change (new pinned key...) replaces it. */
  identity: string;
  lastUsed: number;
}

/**
 * The one place that opens SSH connections to hosts. It owns credentials (the fleet key or a host's
 * uploaded key, opened from their sealed form only here), host-key pinning (every connection verifies
 * the pinned fingerprint), the global limit on concurrent host operations, one operation per host at a
 * time, and connection reuse across operations.
 */
@Injectable()
export class HostConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(HostConnections.name);
  private readonly global: Semaphore;
  private readonly perHost = new KeyedMutex();
  private readonly pool = new Map<string, PooledTransport>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fleetKey: FleetKeyService,
    private readonly secrets: SecretBox,
  ) {
    this.global = new Semaphore(config.ssh.concurrency);
    this.sweeper = setInterval(() => this.closeIdle(), 60_000).unref();
  }

  sealPrivateKey(hostId: string, privateKey: string, passphrase?: string): { sshPrivateKeySealed: string; sshPassphraseSealed: string | null } {
    return {
      sshPrivateKeySealed: this.secrets.seal(privateKey, keyContext(hostId)),
      sshPassphraseSealed: passphrase ? this.secrets.seal(passphrase, passphraseContext(hostId)) : null,
    };
  }

  /** First contact: the host key the address presents, for an operator to approve. */
  probe(address: string, port: number, signal?: AbortSignal): Promise<PresentedHostKey> {
    return this.global.use(() => probeHostKey({ host: address, port }, { connectTimeoutMs: this.config.ssh.connectTimeoutMs, ...(signal ? { signal } : {}) }));
  }

  /** Runs `work` with a session on an enrolled host: one operation per host, bounded overall. */
  withHost<T>(target: HostTarget, work: (session: HostSession) => Promise<T>, options: SessionOptions = {}): Promise<T> {
    return this.perHost.run(target.id, () =>
      this.global.use(async () => {
        const transport = await this.transportFor(target);
        return work(this.session(transport, options));
      }),
    );
  }

  /**
   * A one-off session with explicit credentials (enrollment, before the host is stored). The
   * connection is closed afterwards.
   */
  async withCredentials<T>(
    endpoint: { address: string; port: number; sshUser: string; hostKeyFingerprint: string },
    credentials: SshCredentials,
    work: (session: HostSession) => Promise<T>,
    options: SessionOptions = {},
  ): Promise<T> {
    return this.global.use(async () => {
      const transport = this.newTransport(endpoint, credentials);
      try {
        return await work(this.session(transport, options));
      } finally {
        transport.close();
      }
    });
  }

  /** The fleet key's credentials, for connecting to a host that has it installed. */
  async fleetCredentials(): Promise<SshCredentials> {
    return { privateKey: await this.fleetKey.privateKey() };
  }

  /** Forgets a host's pooled connection (its key, address or credentials changed, or it was deleted). */
  evict(hostId: string): void {
    this.pool.get(hostId)?.transport.close();
    this.pool.delete(hostId);
  }

  private session(transport: SshTransport, options: SessionOptions): HostSession {
    const onLine = options.onLine;
    if (!onLine) return { transport, bootc: new BootcClient(transport) };
    // Every command of this session streams its output to the caller (live job logs).
    const executor = {
      exec: (argv: readonly string[], execOptions: Parameters<SshTransport['exec']>[1] = {}) =>
        transport.exec(argv, {
          ...execOptions,
          onLine: (line: string, stream: OutputStream) => {
            onLine(line, stream);
            execOptions.onLine?.(line, stream);
          },
        }),
    };
    return { transport, bootc: new BootcClient(executor) };
  }

  private async transportFor(target: HostTarget): Promise<SshTransport> {
    if (!target.hostKeyFingerprint) {
      throw new AgentError('HOST_KEY_UNKNOWN', `no approved host key for ${target.address}:${target.port}`, { host: target.address });
    }
    const identity = [target.address, target.port, target.sshUser, target.hostKeyFingerprint, target.credentialKind, target.sshPrivateKeySealed ?? ''].join('|');
    const pooled = this.pool.get(target.id);
    if (pooled && pooled.identity === identity) {
      pooled.lastUsed = Date.now();
      return pooled.transport;
    }
    pooled?.transport.close();
    const transport = this.newTransport(
      { address: target.address, port: target.port, sshUser: target.sshUser, hostKeyFingerprint: target.hostKeyFingerprint },
      await this.credentialsOf(target),
    );
    this.pool.set(target.id, { transport, identity, lastUsed: Date.now() });
    return transport;
  }

  private async credentialsOf(target: HostTarget): Promise<SshCredentials> {
    if (target.credentialKind === 'fleet_key') return this.fleetCredentials();
    if (!target.sshPrivateKeySealed) throw new Error(`host ${target.id} has no stored private key`);
    return {
      privateKey: this.secrets.open(target.sshPrivateKeySealed, keyContext(target.id)),
      ...(target.sshPassphraseSealed ? { passphrase: this.secrets.open(target.sshPassphraseSealed, passphraseContext(target.id)) } : {}),
    };
  }

  private newTransport(endpoint: { address: string; port: number; sshUser: string; hostKeyFingerprint: string }, credentials: SshCredentials): SshTransport {
    const logger: AgentLogger = {
      debug: (message, context) => this.logger.debug({ ...context, host: endpoint.address }, message),
    };
    return new SshTransport({
      host: endpoint.address,
      port: endpoint.port,
      username: endpoint.sshUser,
      hostKeyFingerprint: endpoint.hostKeyFingerprint,
      ...credentials,
      connectTimeoutMs: this.config.ssh.connectTimeoutMs,
      commandTimeoutMs: this.config.ssh.commandTimeoutMs,
      logger,
    });
  }

  private closeIdle(): void {
    const cutoff = Date.now() - IDLE_CLOSE_MS;
    for (const [id, pooled] of this.pool) {
      if (pooled.lastUsed < cutoff) this.evict(id);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.pool.keys()]) this.evict(id);
  }
}
