// bootfleet-iso: inspect a base ISO, build a template, write a host's ISO.
import { parseArgs } from 'node:util';
import { kickstartForHost, parseFleetSettings, parseHostRecord, readInput } from './cli/host-file';
import { IsoError } from './errors';
import { inspectIso } from './inspect';
import { loadTemplate, writeHostIso } from './per-host';
import { buildImageTemplate, DEFAULT_SLOT_BYTES, type TemplateMetadata } from './template';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `usage:
  bootfleet-iso inspect BASE.iso
  bootfleet-iso template --base BASE.iso --image REF [--offline] [--kernel-arg ARG]... --out TEMPLATE.iso
                         [--registry-url URL] [--insecure] [--slot-size BYTES]
  bootfleet-iso host --template TEMPLATE.iso --out HOST.iso
                     (--host HOST.json --fleet-key FLEET_KEY.pub [--fleet FLEET.json] | --kickstart KS.cfg)`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function inspectCommand(args: string[], io: CliIo): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError('inspect takes one BASE.iso');
  const { files, ...report } = await inspectIso(positionals[0]);
  io.out(JSON.stringify({ ...report, fileCount: files.length }, null, 2));
}

async function templateCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: 'string' },
      image: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'kernel-arg': { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      'registry-url': { type: 'string' },
      insecure: { type: 'boolean', default: false },
      'slot-size': { type: 'string' },
    },
  });
  const slotBytes = values['slot-size'] === undefined ? DEFAULT_SLOT_BYTES : Number(values['slot-size']);
  if (!Number.isInteger(slotBytes) || slotBytes < 4096 || slotBytes % 2048 !== 0) throw new UsageError('--slot-size must be a multiple of 2048, at least 4096');
  const built = await buildImageTemplate({
    basePath: required(values, 'base'),
    outPath: required(values, 'out'),
    image: required(values, 'image'),
    offline: values.offline,
    kernelArgs: values['kernel-arg'],
    slotBytes,
    registry: { registryUrl: values['registry-url'], insecure: values.insecure },
  });
  io.out(JSON.stringify({ template: built.templatePath, metadata: built.metadataPath, imageRef: built.metadata.imageRef, slot: built.metadata.slot }, null, 2));
}

async function hostKickstart(values: { host?: string; kickstart?: string; 'fleet-key'?: string; fleet?: string }, template: TemplateMetadata): Promise<string> {
  if ((values.host === undefined) === (values.kickstart === undefined)) throw new UsageError('give exactly one of --host or --kickstart');
  if (values.kickstart !== undefined) return readInput(values.kickstart);
  const record = parseHostRecord(await readInput(values.host ?? ''));
  const fleetKey = await readInput(required(values, 'fleet-key'));
  const fleet = values.fleet === undefined ? {} : parseFleetSettings(await readInput(values.fleet));
  return kickstartForHost(record, fleetKey, fleet, template);
}

async function hostCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      template: { type: 'string' },
      host: { type: 'string' },
      'fleet-key': { type: 'string' },
      fleet: { type: 'string' },
      kickstart: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const out = required(values, 'out');
  const template = await loadTemplate(required(values, 'template'));
  await writeHostIso(template, await hostKickstart(values, template.metadata), out);
  io.out(JSON.stringify({ iso: out, bytes: template.metadata.templateBytes }, null, 2));
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<void>> = {
  inspect: inspectCommand,
  template: templateCommand,
  host: hostCommand,
};

/** Exit status: 0 done, 1 a typed failure (printed with its code), 2 bad usage. */
export async function runCli(argv: string[], io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) }): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  try {
    if (!command) throw new UsageError(name === undefined ? 'missing command' : `unknown command ${name}`);
    await command(args, io);
    return 0;
  } catch (error) {
    if (error instanceof IsoError) {
      io.err(`bootfleet-iso: ${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`bootfleet-iso: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
