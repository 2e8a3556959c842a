// A minimal ssh2 client for tests of anything host-sim serves (sim servers and real sshd alike).
import { Client, type ConnectConfig } from 'ssh2';
import { fingerprintOf } from '../ssh/host-key';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  /** null when the channel closed without an exit status (e.g. the host rebooted). */
  exitCode: number | null;
}

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string | Buffer;
  /** When set, the connection fails unless the server's host key has this `SHA256:...` fingerprint. */
  hostKeyFingerprint?: string;
  readyTimeout?: number;
}

export function sshConnect(target: SshTarget): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      privateKey: target.privateKey,
      readyTimeout: target.readyTimeout ?? 10_000,
    };
    if (target.hostKeyFingerprint) {
      const expected = target.hostKeyFingerprint;
      config.hostVerifier = (key: Buffer) => fingerprintOf(`ssh-ed25519 ${key.toString('base64')}`) === expected;
    }
    // Errors can follow a failed handshake (the server dropping the socket later): keep listening.
    client.on('error', (err) => {
      client.destroy();
      reject(err);
    });
    client.once('ready', () => resolve(client)).connect(config);
  });
}

export function sshExec(client: Client, command: string, stdin?: string): Promise<ExecOutcome> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let exitCode: number | null = null;
      channel.on('data', (d: Buffer) => (stdout += d.toString()));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      channel.on('exit', (code: number | null) => (exitCode = typeof code === 'number' ? code : null));
      channel.on('close', () => resolve({ stdout, stderr, exitCode }));
      if (stdin !== undefined) channel.end(stdin);
      else channel.end();
    });
  });
}

/** Connects, runs one command and disconnects. */
export async function sshRun(target: SshTarget, command: string, stdin?: string): Promise<ExecOutcome> {
  const client = await sshConnect(target);
  try {
    return await sshExec(client, command, stdin);
  } finally {
    client.end();
  }
}
