// The `bootc` command line over the pure state machine: argument parsing (clap's error texts and
// exit status 2), version-gated flags, the root requirement, and error contexts as bootc prints them.
// Registry access, the sysroot lock and faults come in through BootcContext.
import { BootcError } from './bootc-error';
import { hasFeature, type BootcFeature } from './bootc-version';
import {
  checkForUpdate, isImagePresent, rollback, switchImage, switchUnchanged, upgrade, upgradeFromDownloaded, upgradeSource,
  type RebootKind, type SoftRebootMode, type Transition,
} from './host-state';
import { renderStatusJson, renderStatusYaml } from './status-document';
import type { FetchedImage, HostState, ImageReference } from './types';

/** A registry failure, worded like containers-image (e.g. `reading manifest x in y: unauthorized: ...`). */
export class FetchError extends Error {
  override readonly name = 'FetchError';
}

export interface BootcContext {
  state: HostState;
  isRoot: boolean;
  isTty?: boolean;
  /** Resolves an image reference through the registry with the host's own credentials. */
  fetch(image: ImageReference): Promise<FetchedImage>;
  /** `bootc status` waits for a running upgrade that holds the sysroot lock. */
  waitForSysrootLock(): Promise<void>;
  /** Whether another bootc process holds the sysroot lock right now. */
  sysrootLocked(): boolean;
  /** Runs while a pulling verb holds the lock, before it fetches; a fault may make it hang. */
  whileLocked?(): Promise<void>;
  diskFull?: boolean;
}

export interface BootcResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  state: HostState;
  reboot?: RebootKind;
}

const ROOT_ERROR = 'Preparing for write: Querying root privilege: This command must be executed as the root user';

interface FlagSpec {
  takesValue?: boolean;
  since?: BootcFeature;
}

const SUBCOMMAND_FLAGS: Record<string, Record<string, FlagSpec>> = {
  status: {
    '--format': { takesValue: true, since: 'format' },
    '--format-version': { takesValue: true, since: 'formatVersion' },
    '--json': {},
    '--booted': {},
  },
  upgrade: {
    '--check': {}, '--apply': {}, '--quiet': {},
    '--download-only': { since: 'downloadOnly' },
    '--from-downloaded': { since: 'downloadOnly' },
    '--soft-reboot': { takesValue: true, since: 'softReboot' },
  },
  switch: {
    '--transport': { takesValue: true }, '--apply': {}, '--retain': {}, '--quiet': {},
    '--enforce-container-sigpolicy': {},
    '--soft-reboot': { takesValue: true, since: 'softReboot' },
  },
  rollback: {
    '--apply': {},
    '--soft-reboot': { takesValue: true, since: 'softReboot' },
  },
};

class UsageError extends Error {}

interface ParsedArgs {
  verb: string;
  flags: Map<string, string | true>;
  positionals: string[];
}

function usageError(message: string, verb?: string): UsageError {
  const usage = verb ? `bootc ${verb} [OPTIONS]${verb === 'switch' ? ' <TARGET>' : ''}` : 'bootc <COMMAND>';
  return new UsageError(`error: ${message}\n\nUsage: ${usage}\n\nFor more information, try '--help'.\n`);
}

function parseArgs(argv: string[], version: string): ParsedArgs {
  const [verb, ...rest] = argv;
  if (verb === undefined) throw usageError("'bootc' requires a subcommand but one was not provided");
  const known = SUBCOMMAND_FLAGS[verb];
  if (!known) throw usageError(`unrecognized subcommand '${verb}'`);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const spec = known[name];
    if (!spec || (spec.since && !hasFeature(version, spec.since))) throw usageError(`unexpected argument '${name}' found`, verb);
    if (!spec.takesValue) {
      flags.set(name, true);
      continue;
    }
    const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined) throw usageError(`a value is required for '${name} <${name.slice(2).toUpperCase()}>' but none was supplied`, verb);
    flags.set(name, value);
  }
  const expected = verb === 'switch' ? 1 : 0;
  if (positionals.length > expected) throw usageError(`unexpected argument '${positionals[expected] ?? ''}' found`, verb);
  if (positionals.length < expected) throw usageError('the following required arguments were not provided:\n  <TARGET>', verb);
  return { verb, flags, positionals };
}

function softRebootMode(args: ParsedArgs): SoftRebootMode | undefined {
  const value = args.flags.get('--soft-reboot');
  if (value === undefined) return undefined;
  if (value === 'auto' || value === 'required') return value;
  throw usageError(`invalid value '${String(value)}' for '--soft-reboot <SOFT_REBOOT>'\n  [possible values: required, auto]`, args.verb);
}

function renderStatus(args: ParsedArgs, ctx: BootcContext): string {
  const format = args.flags.get('--json') ? 'json' : args.flags.get('--format');
  const formatVersion = args.flags.get('--format-version');
  if (formatVersion !== undefined && formatVersion !== '0' && formatVersion !== '1') {
    throw new BootcError(`Status: Unsupported format version: ${String(formatVersion)}`);
  }
  const view = { bootedOnly: args.flags.has('--booted') };
  if (format === 'json') return renderStatusJson(ctx.state, view);
  if (format === 'yaml' || (format === undefined && !ctx.isTty)) return renderStatusYaml(ctx.state, view);
  if (format === undefined || format === 'humanreadable') return humanReadable(ctx.state);
  throw usageError(`invalid value '${String(format)}' for '--format <FORMAT>'\n  [possible values: humanreadable, yaml, json]`, 'status');
}

function humanReadable(state: HostState): string {
  const booted = state.booted?.image;
  if (!booted) return 'System is not deployed via bootc.\n';
  const line = (label: string, entry: HostState['booted']) =>
    entry?.image ? `${label}: ${entry.image.image.image}\n        Digest: ${entry.image.imageDigest} (${entry.image.architecture})\n       Version: ${entry.image.version ?? '<none>'} (${entry.image.timestamp ?? '<unknown>'})\n` : '';
  return [line('  Staged image', state.staged), line('● Booted image', state.booted), line('  Rollback image', state.rollback)]
    .filter(Boolean)
    .join('\n');
}

async function fetchFor(ctx: BootcContext, image: ImageReference, context: string): Promise<FetchedImage> {
  try {
    await ctx.whileLocked?.();
    return await ctx.fetch(image);
  } catch (err) {
    if (err instanceof FetchError) throw new BootcError(`${context}: Preparing import: Fetching manifest: ${err.message}`);
    throw err;
  }
}

function requireDisk(ctx: BootcContext, context: string, staging: boolean): void {
  if (staging && ctx.diskFull) {
    throw new BootcError(`${context}: Pulling: Importing: Unencapsulating base: No space left on device (os error 28)`);
  }
}

async function mutate(args: ParsedArgs, ctx: BootcContext): Promise<Transition> {
  const apply = args.flags.has('--apply');
  const softReboot = softRebootMode(args);
  if (ctx.sysrootLocked()) throw new BootcError('Acquiring sysroot lock: Another bootc process holds the sysroot lock (is an update running?)');
  if (args.verb === 'rollback') return rollback(ctx.state, { apply, softReboot });
  if (args.verb === 'switch') {
    const target: ImageReference = {
      image: args.positionals[0] as string,
      transport: String(args.flags.get('--transport') ?? 'registry'),
      ...(args.flags.has('--enforce-container-sigpolicy') ? { signature: 'containerPolicy' as const } : {}),
    };
    const unchanged = switchUnchanged(ctx.state, target);
    if (unchanged) return unchanged;
    const fetched = await fetchFor(ctx, target, 'Switching: Switching (ostree)');
    requireDisk(ctx, 'Switching: Switching (ostree)', true);
    return switchImage(ctx.state, target, fetched, { apply, softReboot });
  }
  if (args.flags.has('--from-downloaded')) return upgradeFromDownloaded(ctx.state, { apply, softReboot });
  const fetched = await fetchFor(ctx, upgradeSource(ctx.state), 'Upgrading');
  if (args.flags.has('--check')) return checkForUpdate(ctx.state, fetched);
  requireDisk(ctx, 'Upgrading', !isImagePresent(ctx.state, fetched.digest));
  return upgrade(ctx.state, fetched, { apply, softReboot, downloadOnly: args.flags.has('--download-only') });
}

/** Runs `bootc ARGV...` against ctx.state; never throws for anything bootc itself would report. */
export async function runBootc(argv: string[], ctx: BootcContext): Promise<BootcResult> {
  const fail = (stderr: string, exitCode: number): BootcResult => ({ stdout: '', stderr, exitCode, state: ctx.state });
  if (argv[0] === '--version' || argv[0] === '-V') return { stdout: `bootc ${ctx.state.bootcVersion}\n`, stderr: '', exitCode: 0, state: ctx.state };
  try {
    const args = parseArgs(argv, ctx.state.bootcVersion);
    if (args.verb === 'status') {
      if (!ctx.isRoot) return fail(`error: Status: ${ROOT_ERROR}\n`, 1);
      await ctx.waitForSysrootLock();
      return { stdout: renderStatus(args, ctx), stderr: '', exitCode: 0, state: ctx.state };
    }
    if (!ctx.isRoot) return fail(`error: ${ROOT_ERROR}\n`, 1);
    const result = await mutate(args, ctx);
    return { stdout: result.stdout, stderr: '', exitCode: 0, state: result.state, reboot: result.reboot };
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message, 2);
    if (err instanceof BootcError) return fail(`error: ${err.message}\n`, 1);
    throw err;
  }
}
