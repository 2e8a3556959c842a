import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BootcClient } from './bootc/bootc-client';
import type { SoftRebootMode } from './command/bootc-argv';
import { SWITCH_TRANSPORTS, type SwitchTransport } from './command/image-target';
import { AgentError } from './errors';
import type { SshEndpoint } from './transport/ssh-connect';
import { probeHostKey } from './transport/ssh-connect';
import { SshTransport } from './transport/ssh-transport';

const COMMANDS = ['status', 'check', 'upgrade', 'switch', 'rollback', 'facts', 'mask-updates', 'unmask-updates', 'update-state', 'probe-host-key'] as const;
type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  host: { type: 'string' },
  identity: { type: 'string' },
  'passphrase-file': { type: 'string' },
  fingerprint: { type: 'string' },
  jump: { type: 'string' },
  'jump-fingerprint': { type: 'string' },
  apply: { type: 'boolean' },
  'download-only': { type: 'boolean' },
  'from-downloaded': { type: 'boolean' },
  'soft-reboot': { type: 'string' },
  transport: { type: 'string' },
  'enforce-sigpolicy': { type: 'boolean' },
  timeout: { type: 'string' },
  'wait-ms': { type: 'string' },
} as const;

export interface Target {
  readonly username: string;
  readonly host: string;
  readonly port: number;
}

/** `USER@ADDR[:PORT]`, with `[v6]:port` for IPv6 addresses. */
export function parseTarget(value: string, requireUser = true): Target {
  const match = /^(?:([^@\s]+)@)?(\[[0-9a-fA-F:.]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match || (requireUser && !match[1])) throw new AgentError('INVALID_ARGUMENT', `expected USER@ADDR[:PORT], got ${JSON.stringify(value)}`);
  const host = (match[2] ?? '').replace(/^\[|\]$/g, '');
  return { username: match[1] ?? '', host, port: match[3] ? Number(match[3]) : 22 };
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new AgentError('INVALID_ARGUMENT', `--${name} is required`);
  return value;
}

function endpoint(target: string, identity: string, fingerprint: string, passphrase: string | undefined): SshEndpoint {
  return { ...parseTarget(target), privateKey: readFileSync(identity), hostKeyFingerprint: fingerprint, ...(passphrase ? { passphrase } : {}) };
}

export async function run(argv: readonly string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  const command = positionals[0] as Command | undefined;
  if (!command || !COMMANDS.includes(command)) throw new AgentError('INVALID_ARGUMENT', `command must be one of ${COMMANDS.join(', ')}`);
  const timeoutMs = values.timeout ? Number(values.timeout) : 10_000;

  if (command === 'probe-host-key') return probeHostKey(parseTarget(required(values, 'host'), false), { connectTimeoutMs: timeoutMs });

  const passphrase = values['passphrase-file'] ? readFileSync(values['passphrase-file'], 'utf8').trimEnd() : undefined;
  const identity = required(values, 'identity');
  const transport = new SshTransport({
    ...endpoint(required(values, 'host'), identity, required(values, 'fingerprint'), passphrase),
    ...(values.jump ? { jumpHost: endpoint(values.jump, identity, required(values, 'jump-fingerprint'), passphrase) } : {}),
    connectTimeoutMs: timeoutMs,
  });
  const bootc = new BootcClient(transport);
  try {
    return await runCommand(bootc, command, values, positionals[1]);
  } finally {
    await transport.close();
  }
}

async function runCommand(bootc: BootcClient, command: Command, values: Record<string, string | boolean | undefined>, ref: string | undefined): Promise<unknown> {
  const apply = values.apply === true;
  const softReboot = values['soft-reboot'] as SoftRebootMode | undefined;
  if (softReboot !== undefined && softReboot !== 'auto' && softReboot !== 'required') throw new AgentError('INVALID_ARGUMENT', '--soft-reboot must be auto or required');
  const waitMs = values['wait-ms'] ? Number(values['wait-ms']) : 600_000;
  // Applying verbs: remember where we came from so the command can report the host back up.
  const applied = async <T extends { rebooting: boolean }>(verb: () => Promise<T>) => {
    const before = apply ? await bootc.status() : null;
    const bootId = apply ? await bootc.bootId() : null;
    const result = await verb();
    if (!result.rebooting || bootId === null) return result;
    const softRebootFromDigest = softReboot ? (before?.booted?.digest ?? undefined) : undefined;
    const back = await bootc.waitForReboot(bootId, Date.now() + waitMs, softRebootFromDigest ? { softRebootFromDigest } : {});
    return { ...result, rebooted: back, status: await bootc.status() };
  };
  switch (command) {
    case 'status':
      return bootc.status();
    case 'check':
      return bootc.checkUpgrade();
    case 'upgrade':
      return applied(() => bootc.upgrade({ apply, downloadOnly: values['download-only'] === true, fromDownloaded: values['from-downloaded'] === true, ...(softReboot ? { softReboot } : {}) }));
    case 'switch': {
      if (!ref) throw new AgentError('INVALID_ARGUMENT', 'switch needs an image reference');
      const transport = (values.transport ?? 'registry') as SwitchTransport;
      if (!SWITCH_TRANSPORTS.includes(transport)) throw new AgentError('INVALID_ARGUMENT', `--transport must be one of ${SWITCH_TRANSPORTS.join(', ')}`);
      return applied(() => bootc.switch(ref, { apply, transport, enforceSigpolicy: values['enforce-sigpolicy'] === true, ...(softReboot ? { softReboot } : {}) }));
    }
    case 'rollback':
      return applied(() => bootc.rollback({ apply, ...(softReboot ? { softReboot } : {}) }));
    case 'facts':
      return bootc.facts();
    case 'mask-updates':
      return bootc.autoUpdates.mask();
    case 'unmask-updates':
      return bootc.autoUpdates.unmask();
    case 'update-state':
      return bootc.autoUpdates.state();
    case 'probe-host-key':
      throw new AgentError('INVALID_ARGUMENT', 'probe-host-key is handled before connecting');
  }
}

/** Entry point for the bin: prints one JSON document and sets the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    process.stdout.write(`${JSON.stringify(await run(argv), null, 2)}\n`);
    return 0;
  } catch (error) {
    const body = error instanceof AgentError ? error.toJSON() : { code: 'INVALID_ARGUMENT', message: (error as Error).message, retryable: false };
    process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return 1;
  }
}
