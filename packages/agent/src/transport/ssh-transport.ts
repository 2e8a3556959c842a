import type { Client, ClientChannel } from 'ssh2';
import { quoteArgv } from '../command/quote';
import { AgentError } from '../errors';
import { silentLogger, type ExecOptions, type ExecResult, type Executor, type Logger } from './executor';
import { LineSplitter } from './line-splitter';
import { Semaphore } from './semaphore';
import { forwardThrough, openVerifiedClient, probeHostKey, type ConnectSettings, type PresentedHostKey, type SshEndpoint } from './ssh-connect';

export interface SshTransportOptions extends SshEndpoint {
  /** Optional bastion; its host key is pinned and verified like the target's. */
  readonly jumpHost?: SshEndpoint;
  readonly connectTimeoutMs?: number;
  /** Default per-command timeout; ExecOptions.timeoutMs overrides it. */
  readonly commandTimeoutMs?: number;
  readonly keepaliveIntervalMs?: number;
  readonly keepaliveCountMax?: number;
  /** Concurrent exec channels on the one connection (OpenSSH's MaxSessions defaults to 10). */
  readonly maxChannels?: number;
  readonly logger?: Logger;
}

interface Connection {
  readonly client: Client;
  readonly jump: Client | null;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 120_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  maxChannels: 8,
};

/**
 * One lazily opened, reused SSH connection to one host; every command runs on its own exec channel.
 * After the connection drops (e.g. a reboot) the next exec reconnects, verifying the host key again.
 */
export class SshTransport implements Executor {
  private connection: Promise<Connection> | null = null;
  private readonly channels: Semaphore;
  private readonly logger: Logger;
  private readonly settings: Omit<ConnectSettings, 'signal'>;

  constructor(private readonly options: SshTransportOptions) {
    this.channels = new Semaphore(options.maxChannels ?? DEFAULTS.maxChannels);
    this.logger = options.logger ?? silentLogger;
    this.settings = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? DEFAULTS.keepaliveIntervalMs,
      keepaliveCountMax: options.keepaliveCountMax ?? DEFAULTS.keepaliveCountMax,
    };
  }

  get target(): string {
    return `${this.options.username}@${this.options.host}:${this.options.port ?? 22}`;
  }

  /** Runs argv on the host. Resolves with any exit code; rejects only when no exit status was received. */
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const needsSudo = options.sudo === true && this.options.username !== 'root';
    const command = quoteArgv(needsSudo ? ['sudo', '-n', '--', ...argv] : argv);
    if (options.signal?.aborted) throw cancelled(command);
    return this.channels.use(async () => {
      const { client } = await this.connect(options.signal);
      const started = Date.now();
      const result = await runChannel(client, command, {
        ...options,
        timeoutMs: options.timeoutMs ?? this.options.commandTimeoutMs ?? DEFAULTS.commandTimeoutMs,
      });
      this.logger.debug('ssh exec', { target: this.target, command, exitCode: result.exitCode, ms: Date.now() - started });
      return result;
    });
  }

  /**
   * Opens the connection now (exec does it lazily). The connection is shared, so a caller's signal
   * abandons only that caller's wait, never the handshake others are waiting on.
   */
  async connect(signal?: AbortSignal): Promise<Connection> {
    if (!this.connection) {
      const pending = this.open();
      this.connection = pending;
      pending.then(
        ({ client }) => client.once('close', () => {
          if (this.connection === pending) this.connection = null;
        }),
        () => {
          if (this.connection === pending) this.connection = null;
        },
      );
    }
    return signal ? abandonOnAbort(this.connection, signal, `connecting to ${this.target}`) : this.connection;
  }

  async close(): Promise<void> {
    const pending = this.connection;
    this.connection = null;
    if (!pending) return;
    const connection = await pending.catch(() => null);
    if (!connection) return;
    await new Promise<void>((resolve) => {
      connection.client.once('close', () => resolve());
      connection.client.end();
    });
    connection.jump?.end();
  }

  /** First contact with this transport's host (through the jump host when one is configured). */
  async probeHostKey(signal?: AbortSignal): Promise<PresentedHostKey> {
    const settings = { ...this.settings, ...(signal ? { signal } : {}) };
    if (!this.options.jumpHost) return probeHostKey(this.options, settings);
    const jump = await openVerifiedClient(this.options.jumpHost, settings);
    try {
      return await probeHostKey(this.options, settings, await forwardThrough(jump, this.options));
    } finally {
      jump.end();
    }
  }

  private async open(): Promise<Connection> {
    const settings = this.settings;
    if (!this.options.jumpHost) return { client: this.withListenerRoom(await openVerifiedClient(this.options, settings)), jump: null };
    const jump = await openVerifiedClient(this.options.jumpHost, settings);
    try {
      const client = this.withListenerRoom(await openVerifiedClient(this.options, settings, await forwardThrough(jump, this.options)));
      client.once('close', () => jump.end());
      return { client, jump };
    } catch (error) {
      jump.end();
      throw error;
    }
  }

  /** Each running channel watches the connection's close event; that is not a leak. */
  private withListenerRoom(client: Client): Client {
    client.setMaxListeners(client.getMaxListeners() + (this.options.maxChannels ?? DEFAULTS.maxChannels));
    return client;
  }
}

function abandonOnAbort<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new AgentError('CANCELLED', `cancelled: ${what}`));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AgentError('CANCELLED', `cancelled: ${what}`));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelled(command: string): AgentError {
  return new AgentError('CANCELLED', `cancelled: ${command}`, { command });
}

interface ChannelOptions extends ExecOptions {
  readonly timeoutMs: number;
}

function runChannel(client: Client, command: string, options: ChannelOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let channel: ClientChannel | null = null;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let sawExit = false;
    let settled = false;
    const stdout = new LineSplitter((line) => options.onLine?.(line, 'stdout'));
    const stderr = new LineSplitter((line) => options.onLine?.(line, 'stderr'));

    const cleanup = () => {
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      client.removeListener('close', onConnectionClose);
    };
    const fail = (error: AgentError) => {
      if (settled) return;
      cleanup();
      channel?.close();
      reject(error);
    };
    const partial = () => ({ command, stdout: stdout.end(), stderr: stderr.end() });
    const onAbort = () => fail(new AgentError('CANCELLED', `cancelled: ${command}`, partial()));
    const onConnectionClose = () =>
      fail(new AgentError('CONNECTION_LOST', `connection closed while running: ${command}`, partial()));
    const timer = setTimeout(
      () => fail(new AgentError('COMMAND_TIMEOUT', `no exit within ${options.timeoutMs} ms: ${command}`, partial())),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('close', onConnectionClose);

    try {
      client.exec(command, (error, opened) => {
        if (error) return fail(new AgentError('CONNECTION_LOST', `cannot open a channel: ${error.message}`, { command }, { cause: error }));
        if (settled) return opened.close();
        channel = opened;
        opened.on('data', (chunk: Buffer) => stdout.push(chunk));
        opened.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        opened.on('exit', (code: number | null, signalName?: string) => {
          sawExit = true;
          exitCode = typeof code === 'number' ? code : null;
          exitSignal = signalName ?? null;
        });
        opened.on('close', () => {
          if (settled) return;
          // No exit status means the far end vanished mid-command (the expected shape of a reboot).
          if (!sawExit) return onConnectionClose();
          cleanup();
          resolve({ exitCode, signal: exitSignal, stdout: stdout.end(), stderr: stderr.end() });
        });
        opened.end(options.stdin ?? undefined);
      });
    } catch (error) {
      // ssh2 throws when the connection is already gone.
      fail(new AgentError('CONNECTION_LOST', `cannot run on a closed connection: ${command}`, { command }, { cause: error }));
    }
  });
}
