// The commands a simulated host answers besides coreutils: bootc, systemctl, reboot, hostname,
// uname, id, whoami. They read and change the host only through HostCommandContext.
import { runBootc, type BootcContext } from '../state/bootc-cli';
import type { RebootKind } from '../state/host-state';
import { AUTO_UPDATE_TIMER, changeTimer, timerActive } from '../state/auto-update-timer';
import type { HostState } from '../state/types';
import type { CommandHandler, CommandOutcome } from '../shell/command-types';

export interface HostCommandContext {
  hostname: string;
  kernelRelease: string;
  /** uname -m of the state's OCI architecture. */
  machine: string;
  degraded: boolean;
  getState(): HostState;
  setState(state: HostState): void;
  /** Registry access, the sysroot lock and faults for a bootc run. */
  bootcContext(): Omit<BootcContext, 'state' | 'isRoot'>;
}

const ok = (stdout = ''): CommandOutcome => ({ stdout, exitCode: 0 });

function bootc(ctx: HostCommandContext): CommandHandler {
  return async (io) => {
    // A getter, not a snapshot: a verb that waited (sysroot lock, registry) must see changes made
    // meanwhile, such as a `systemctl mask`, instead of writing back the state it started with.
    const bootcCtx = Object.defineProperty({ ...ctx.bootcContext(), isRoot: io.user.isRoot }, 'state', {
      get: ctx.getState,
      enumerable: true,
    }) as BootcContext;
    const result = await runBootc(io.argv.slice(1), bootcCtx);
    ctx.setState(result.state);
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, ...(result.reboot ? { reboot: result.reboot } : {}) };
  };
}

function showProperties(state: HostState): Record<string, string> {
  const active = timerActive(state);
  return {
    Id: AUTO_UPDATE_TIMER,
    LoadState: state.autoUpdateTimer === 'masked' ? 'masked' : 'loaded',
    ActiveState: active ? 'active' : 'inactive',
    SubState: active ? 'waiting' : 'dead',
    UnitFileState: state.autoUpdateTimer,
  };
}

function systemctl(ctx: HostCommandContext): CommandHandler {
  return (io) => {
    const args = io.argv.slice(1).filter((a) => a !== '--now' && a !== '--quiet' && a !== '-q' && a !== '--no-pager' && a !== '--wait');
    const [verb, ...rest] = args;
    const units = rest.filter((a) => !a.startsWith('-'));
    const unitOk = (unit: string | undefined) => unit === AUTO_UPDATE_TIMER;
    const state = ctx.getState();
    const reboot = (kind: RebootKind): CommandOutcome =>
      io.user.isRoot ? { exitCode: 0, reboot: kind } : { stderr: 'Call to Reboot failed: Interactive authentication required.\n', exitCode: 1 };
    switch (verb) {
      case 'is-system-running':
        return { stdout: ctx.degraded ? 'degraded\n' : 'running\n', exitCode: ctx.degraded ? 1 : 0 };
      case 'reboot':
        return reboot('reboot');
      case 'soft-reboot':
        return reboot('soft-reboot');
      case 'is-enabled':
        if (!unitOk(units[0])) return { stderr: `Failed to get unit file state for ${units[0] ?? ''}: No such file or directory\n`, exitCode: 1 };
        return { stdout: `${state.autoUpdateTimer}\n`, exitCode: state.autoUpdateTimer === 'enabled' ? 0 : 1 };
      case 'is-active': {
        const active = showProperties(state).ActiveState as string;
        return { stdout: `${active}\n`, exitCode: active === 'active' ? 0 : 3 };
      }
      case 'show': {
        const props = showProperties(state);
        const wanted = rest.flatMap((a, i) => (a.startsWith('--property=') ? a.slice(11).split(',') : rest[i - 1] === '-p' ? a.split(',') : []));
        const value = io.argv.includes('--value');
        const keys = wanted.length > 0 ? wanted : Object.keys(props);
        return ok(keys.map((k) => (value ? `${props[k] ?? ''}\n` : `${k}=${props[k] ?? ''}\n`)).join(''));
      }
      case 'mask': case 'unmask': case 'enable': case 'disable': {
        if (!io.user.isRoot) return { stderr: `Failed to ${verb} unit: Interactive authentication required.\n`, exitCode: 1 };
        if (!unitOk(units[0])) return { stderr: `Failed to ${verb} unit: Unit file ${units[0] ?? ''} does not exist.\n`, exitCode: 1 };
        const change = changeTimer(state, verb);
        if ('error' in change) return { stderr: change.error, exitCode: 1 };
        ctx.setState(change.state);
        return { stderr: change.stderr, exitCode: 0 };
      }
      default:
        return { stderr: `Unknown command verb '${verb ?? ''}'.\n`, exitCode: 1 };
    }
  };
}

function uname(ctx: HostCommandContext): CommandHandler {
  return (io) => {
    const fields: Record<string, string> = { '-s': 'Linux', '-n': ctx.hostname, '-r': ctx.kernelRelease, '-m': ctx.machine };
    const flags = io.argv.slice(1);
    if (flags.includes('-a')) return ok(`Linux ${ctx.hostname} ${ctx.kernelRelease} #1 SMP PREEMPT_DYNAMIC ${ctx.machine} GNU/Linux\n`);
    const unknown = flags.find((f) => !(f in fields));
    if (unknown) return { stderr: `uname: invalid option -- '${unknown.slice(1)}'\n`, exitCode: 1 };
    // uname prints fields in its own fixed order, whatever order the flags came in.
    const selected = flags.length === 0 ? ['-s'] : Object.keys(fields).filter((f) => flags.includes(f));
    return ok(`${selected.map((f) => fields[f]).join(' ')}\n`);
  };
}

export function hostCommands(ctx: HostCommandContext): Record<string, CommandHandler> {
  return {
    bootc: bootc(ctx),
    systemctl: systemctl(ctx),
    reboot: (io) => systemctl(ctx)({ ...io, argv: ['systemctl', 'reboot'] }),
    hostname: () => ok(`${ctx.hostname}\n`),
    uname: uname(ctx),
    whoami: (io) => ok(`${io.user.name}\n`),
    id: (io) => (io.argv[1] === '-u' ? ok(io.user.isRoot ? '0\n' : '1000\n') : ok(`uid=${io.user.isRoot ? '0(root)' : `1000(${io.user.name})`}\n`)),
  };
}
