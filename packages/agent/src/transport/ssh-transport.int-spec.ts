// The transport and bootc client against a REAL OpenSSH sshd (host-sim's startSshdHost): a non-root
// /bin/sh login with NOPASSWD sudo and the simulator's `bootc` on the PATH.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSshdHost, type SshdHost } from '@bootfleet/host-sim/testing';
import { pushTestImage, startRegistry, waitUntil, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BootcClient } from '../bootc/bootc-client';
import { AgentError } from '../errors';
import { probeHostKey } from './ssh-connect';
import { SshTransport, type SshTransportOptions } from './ssh-transport';

let registry: TestRegistry;
let sshd: SshdHost;
let keyDir: string;
const transports: SshTransport[] = [];

function transport(overrides: Partial<SshTransportOptions> = {}): SshTransport {
  const t = new SshTransport({
    host: sshd.address,
    port: sshd.port,
    username: sshd.user,
    hostKeyFingerprint: sshd.hostKeyFingerprint,
    privateKey: readFileSync(sshd.keyPath),
    connectTimeoutMs: 5_000,
    ...overrides,
  });
  transports.push(t);
  return t;
}

async function failure(promise: Promise<unknown>): Promise<AgentError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentError) return error;
    throw error;
  }
  throw new Error('expected an AgentError');
}

/** Generates a client key with ssh-keygen and authorises it on the sshd host. */
function authorisedKey(type: 'ecdsa' | 'rsa' | 'ed25519', passphrase = ''): Buffer {
  const path = join(keyDir, `id_${type}_${passphrase.length}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', passphrase, '-f', path]);
  appendFileSync(join(dirname(sshd.keyPath), 'authorized_keys'), readFileSync(`${path}.pub`));
  return readFileSync(path);
}

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'agent-keys-'));
  registry = await startRegistry({ auth: 'none' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.0' });
  await pushTestImage(registry, { repository: 'fleet/os', tag: 'next', version: '2.0' });
  sshd = await startSshdHost({ registry: { url: registry.url }, image: `${registry.host}/fleet/os:stable` });
});

afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  await sshd?.stop();
  await registry?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('SshTransport against OpenSSH', () => {
  it('first contact returns the presented fingerprint without trusting it', async () => {
    const presented = await probeHostKey({ host: sshd.address, port: sshd.port }, { connectTimeoutMs: 5_000 });
    expect(presented).toEqual({ fingerprint: sshd.hostKeyFingerprint, keyType: 'ssh-ed25519' });
    expect(await failure(transport({ hostKeyFingerprint: '' }).exec(['true']))).toMatchObject({ code: 'HOST_KEY_UNKNOWN' });
  });

  it('refuses a host whose key differs from the pinned one', async () => {
    const pinned = `SHA256:${'A'.repeat(43)}`;
    const error = await failure(transport({ hostKeyFingerprint: pinned }).exec(['true']));
    expect(error).toMatchObject({ code: 'HOST_KEY_MISMATCH', retryable: false });
    expect(error.details.presentedFingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('reuses one connection for many concurrent exec channels, quoting every argument', async () => {
    const t = transport();
    const tricky = `it's "quoted" $(echo no) \`x\` ; | & *`;
    const results = await Promise.all(
      Array.from({ length: 24 }, () => t.exec(['sh', '-c', 'printf "%s|%s" "$SSH_CONNECTION" "$1"', 'sh', tricky])),
    );
    const connections = new Set(results.map((r) => r.stdout.split('|')[0]));
    expect(connections.size).toBe(1);
    expect(results.every((r) => r.exitCode === 0 && r.stdout.endsWith(`|${tricky}`))).toBe(true);
  });

  it('streams stdout and stderr line by line and feeds stdin', async () => {
    const lines: string[] = [];
    const result = await transport().exec(['sh', '-c', 'cat; echo warn >&2; printf tail; exit 3'], {
      stdin: 'one\ntwo\n',
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'one\ntwo\ntail', stderr: 'warn\n' });
    expect(lines).toEqual(['stdout:one', 'stdout:two', 'stderr:warn', 'stdout:tail']);
  });

  it('times out a command, cancels another, and stays usable', async () => {
    const t = transport();
    const timedOut = await failure(t.exec(['sleep', '30'], { timeoutMs: 300 }));
    expect(timedOut).toMatchObject({ code: 'COMMAND_TIMEOUT', retryable: true });
    const controller = new AbortController();
    const running = t.exec(['sleep', '30'], { signal: controller.signal });
    controller.abort();
    expect(await failure(running)).toMatchObject({ code: 'CANCELLED' });
    expect((await t.exec(['echo', 'alive'])).stdout).toBe('alive\n');
  });

  it('logs in with ECDSA with a passphrase and with RSA keys; a wrong passphrase or key is AUTH_FAILED', async () => {
    const ecdsa = authorisedKey('ecdsa', 'correct horse');
    expect((await transport({ privateKey: ecdsa, passphrase: 'correct horse' }).exec(['id', '-un'])).stdout).toBe(`${sshd.user}\n`);
    expect((await transport({ privateKey: authorisedKey('rsa') }).exec(['id', '-un'])).stdout).toBe(`${sshd.user}\n`);
    expect(await failure(transport({ privateKey: ecdsa, passphrase: 'wrong' }).exec(['true']))).toMatchObject({ code: 'AUTH_FAILED' });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keyDir, 'stranger')]);
    const stranger = readFileSync(join(keyDir, 'stranger'));
    expect(await failure(transport({ privateKey: stranger }).exec(['true']))).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
  });

  it('reaches the host through a jump host, verifying both host keys', async () => {
    const jumpHost = { host: sshd.address, port: sshd.port, username: sshd.user, hostKeyFingerprint: sshd.hostKeyFingerprint, privateKey: readFileSync(sshd.keyPath) };
    const result = await transport({ jumpHost }).exec(['sh', '-c', 'echo "$SSH_CONNECTION"']);
    // Through the jump host the target sees the connection coming from sshd itself.
    expect(result.stdout.split(' ')[0]).toBe(sshd.address);
    const badJump = { ...jumpHost, hostKeyFingerprint: `SHA256:${'B'.repeat(43)}` };
    expect(await failure(transport({ jumpHost: badJump }).exec(['true']))).toMatchObject({ code: 'HOST_KEY_MISMATCH' });
  });
});

describe('keepalive', () => {
  it('notices a peer that went silent instead of waiting for the command timeout', async () => {
    // A relay to sshd that can freeze: bytes stop flowing, nothing is closed (a dead link).
    let frozen = false;
    const sockets: Socket[] = [];
    const relay = createServer((inbound) => {
      const outbound = connect(sshd.port, sshd.address);
      sockets.push(inbound, outbound);
      inbound.on('data', (chunk: Buffer) => frozen || outbound.write(chunk));
      outbound.on('data', (chunk: Buffer) => frozen || inbound.write(chunk));
      for (const [a, b] of [[inbound, outbound], [outbound, inbound]] as const) {
        a.on('error', () => undefined);
        a.on('close', () => b.destroy());
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const port = (relay.address() as { port: number }).port;
      const t = transport({ host: '127.0.0.1', port, keepaliveIntervalMs: 200, keepaliveCountMax: 2 });
      expect((await t.exec(['true'])).exitCode).toBe(0);
      const pending = t.exec(['sleep', '30'], { timeoutMs: 20_000 });
      frozen = true;
      const started = Date.now();
      expect(await failure(pending)).toMatchObject({ code: 'CONNECTION_LOST', retryable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});

describe('connect failures', () => {
  let silent: Server;
  let silentPort: number;
  const accepted = new Set<Socket>();

  beforeAll(async () => {
    // Accepts TCP and never speaks SSH: a black-holed host.
    silent = createServer((socket) => {
      accepted.add(socket);
      // Reading (and discarding) is what lets the server see the client's FIN.
      socket.resume();
      socket.on('close', () => accepted.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(() => {
    for (const socket of accepted) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('CONNECT_TIMEOUT when the handshake never completes', async () => {
    const started = Date.now();
    const error = await failure(transport({ host: '127.0.0.1', port: silentPort, connectTimeoutMs: 400 }).exec(['true']));
    expect(error).toMatchObject({ code: 'CONNECT_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The abandoned handshake must not leak its socket.
    await waitUntil('the client to close its socket', async () => (accepted.size === 0 ? true : undefined), 5_000);
  });

  it('CONNECTION_LOST when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(transport({ host: '127.0.0.1', port }).exec(['true']))).toMatchObject({ code: 'CONNECTION_LOST', retryable: true });
  });
});

describe('BootcClient over OpenSSH with sudo -n', () => {
  it('reads status, checks, stages an upgrade and switches', async () => {
    const bootc = new BootcClient(transport());
    const status = await bootc.status();
    expect(status.isBootcHost).toBe(true);
    expect(status.booted?.digest).toBe(sshd.readState().booted?.image?.imageDigest);
    expect(status.specImage).toBe(`${registry.host}/fleet/os:stable`);

    expect(await bootc.checkUpgrade()).toMatchObject({ available: false });
    const pushed = await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '1.1' });
    expect(await bootc.checkUpgrade()).toMatchObject({ available: true, version: '1.1', digest: pushed.digest });

    const staged = await bootc.upgrade();
    expect(staged).toMatchObject({ changed: true, rebooting: false, digest: pushed.digest });
    expect((await bootc.status()).staged?.digest).toBe(pushed.digest);

    const switched = await bootc.switch(`${registry.host}/fleet/os:next`);
    expect(switched).toMatchObject({ changed: true, version: '2.0' });
    expect((await bootc.status()).specImage).toBe(`${registry.host}/fleet/os:next`);
  });

  it('masks the auto-update timer and reads facts', async () => {
    const bootc = new BootcClient(transport());
    expect(await bootc.autoUpdates.mask()).toEqual({ enablement: 'masked', masked: true });
    expect(sshd.readState().autoUpdateTimer).toBe('masked');
    const facts = await bootc.facts();
    // Behind real sshd, /proc and uname are this machine's own.
    expect(facts.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    expect(facts.kernel).toBe(execFileSync('uname', ['-r']).toString().trim());
    expect(facts.osRelease.ID).toBeTruthy();
  });
});
