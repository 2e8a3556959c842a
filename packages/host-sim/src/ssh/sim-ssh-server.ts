// A real SSH endpoint (ssh2's Server) for one SimHost on its own loopback address: public-key and
// password logins, exec channels only, host down (connection refused) during reboots.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Server, utils, type AuthContext, type Connection, type ParsedKey } from 'ssh2';
import type { SimHost } from '../host/sim-host';
import { homeDirectory } from '../shell/command-types';
import { fingerprintOf, generateEd25519, type SshKeyPair } from './host-key';

export interface SshLogin {
  user: string;
  /** OpenSSH public key lines allowed to log in. */
  authorizedKeys?: string[];
  password?: string;
}

/** How an exec that reboots the host ends for the client: both happen on real hosts. */
export type RebootDisconnect = 'close' | 'exit-137';

export interface SimSshServerOptions {
  host: SimHost;
  address: string;
  port: number;
  logins: SshLogin[];
  hostKey?: SshKeyPair;
  rebootDisconnect?: RebootDisconnect;
}

function parsePublicKey(line: string): ParsedKey {
  const parsed = utils.parseKey(line);
  if (parsed instanceof Error) throw parsed;
  return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
}

const KEY_IN_LINE = /(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,3}/;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SimSshServer {
  private readonly listener: NetServer;
  private ssh: Server;
  private key: SshKeyPair;
  private readonly sockets = new Set<Socket>();
  private readonly logins: Map<string, { keys: ParsedKey[]; password?: string }>;
  /** Changeable at runtime: how the next rebooting exec ends for its client. */
  rebootDisconnect: RebootDisconnect;
  private listening = false;
  private stopped = false;
  /** The port actually bound (options may ask for 0); reboots re-listen on the same one. */
  private boundPort: number;

  constructor(private readonly opts: SimSshServerOptions) {
    this.key = opts.hostKey ?? generateEd25519();
    this.boundPort = opts.port;
    this.rebootDisconnect = opts.rebootDisconnect ?? 'close';
    this.ssh = this.createSsh();
    this.logins = new Map(opts.logins.map((l) => [l.user, { keys: (l.authorizedKeys ?? []).map(parsePublicKey), ...(l.password !== undefined ? { password: l.password } : {}) }]));
    this.listener = createServer((socket) => void this.accept(socket));
    opts.host.on('down', () => void this.goDown());
    opts.host.on('up', () => void this.listen().catch(() => undefined));
  }

  get address(): string {
    return this.opts.address;
  }

  get port(): number {
    return this.boundPort;
  }

  get hostPublicKey(): string {
    return this.key.publicKey;
  }

  get hostKeyFingerprint(): string {
    return fingerprintOf(this.key.publicKey);
  }

  async start(): Promise<void> {
    await this.listen();
  }

  /** Fault: the host was reinstalled or its key regenerated; clients with a pinned key must refuse it. */
  rotateHostKey(key: SshKeyPair = generateEd25519()): void {
    this.key = key;
    this.ssh = this.createSsh();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.goDown();
  }

  private createSsh(): Server {
    return new Server({ hostKeys: [this.key.privateKey] }, (client) => this.onClient(client));
  }

  private listen(): Promise<void> {
    if (this.listening || this.stopped) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.listener.once('error', onError);
      this.listener.listen(this.boundPort, this.opts.address, () => {
        this.listener.off('error', onError);
        this.boundPort = (this.listener.address() as AddressInfo).port;
        this.listening = true;
        resolve();
      });
    });
  }

  /** The host went down: refuse new connections and drop every open one, as a reboot does. */
  private async goDown(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
  }

  private async accept(socket: Socket): Promise<void> {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Without it every exec waits out Nagle plus the client's delayed ACK (~40 ms, twice) on the small
    // exit-status/EOF/close packets: latency no real sshd adds.
    socket.setNoDelay(true);
    // A black-holed host: the TCP connection exists but no SSH banner ever comes.
    if (this.opts.host.faults.unreachable) return;
    if (this.opts.host.faults.latencyMs) await delay(this.opts.host.faults.latencyMs);
    if (!socket.destroyed) this.ssh.injectSocket(socket);
  }

  /** The start-up keys plus `~/.ssh/authorized_keys` as it is now, read on every attempt as sshd does. */
  private authorizedKeys(user: string, startUpKeys: ParsedKey[]): ParsedKey[] {
    const file = this.opts.host.fs.read(`${homeDirectory({ name: user, isRoot: user === 'root' })}/.ssh/authorized_keys`) ?? '';
    const written = file.split('\n').flatMap((line) => {
      // Options (`from="..."`, `restrict`...) may come before the key type; ssh2 parses from the type on.
      const key = KEY_IN_LINE.exec(line)?.[0];
      const parsed = key ? utils.parseKey(key) : null;
      return parsed && !(parsed instanceof Error) ? [Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed] : [];
    });
    return [...startUpKeys, ...written];
  }

  private authenticate(ctx: AuthContext): void {
    const login = this.logins.get(ctx.username);
    if (login && ctx.method === 'publickey') {
      const key = this.authorizedKeys(ctx.username, login.keys).find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (key && (!ctx.signature || key.verify(ctx.blob as Buffer, ctx.signature, ctx.hashAlgo) === true)) return ctx.accept();
    }
    if (login?.password !== undefined && ctx.method === 'password' && sameSecret(ctx.password, login.password)) return ctx.accept();
    ctx.reject(['publickey', 'password']);
  }

  private onClient(client: Connection): void {
    let user = '';
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      user = ctx.username;
      this.authenticate(ctx);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('shell', (_accept, reject) => reject?.());
        session.on('subsystem', (_accept, reject) => reject?.());
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          const chunks: Buffer[] = [];
          const stdinDone = new Promise<string>((resolve) => {
            channel.on('data', (chunk: Buffer) => chunks.push(chunk));
            channel.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          });
          void this.opts.host
            .exec({ user: { name: user, isRoot: user === 'root' }, line: info.command, stdin: () => stdinDone })
            .then((result) => {
              if (result.stdout) channel.write(result.stdout);
              if (result.stderr) channel.stderr.write(result.stderr);
              if (!result.reboot) channel.exit(result.exitCode);
              else if (this.rebootDisconnect === 'exit-137') channel.exit(137);
              channel.end();
            })
            .catch((err: Error) => {
              channel.stderr.write(`host-sim: ${err.message}\n`);
              channel.exit(255);
              channel.end();
            });
        });
      });
    });
  }
}
