// Runs a command line the way the login shell (dash as /bin/sh) would, over simulated commands.
// `sh -c` and `sudo` recurse; a command that reboots the machine ends the whole line.
import { posix } from 'node:path';
import { canWrite, homeDirectory, type CommandHandler, type CommandOutcome, type ShellUser } from './command-types';
import { COREUTILS } from './coreutils';
import { parseCommandLine, ShellSyntaxError, type SimpleCommand } from './parse-command-line';
import type { VirtualFs } from './virtual-fs';

export type SudoPolicy = 'nopasswd' | 'password';

export interface ShellOptions {
  user: ShellUser;
  fs: VirtualFs;
  /** Host commands (bootc, systemctl, hostname, ...) on top of the built-in coreutils. */
  commands: Record<string, CommandHandler>;
  /** Files computed by the host (/proc/...) that take precedence over fs. */
  specialFile?(path: string): string | undefined;
  sudo: SudoPolicy;
  stdin(): Promise<string>;
  /** `$0 $1 ...` of `sh -c SCRIPT NAME ARGS...`; `$0` defaults to `sh`. */
  params?: string[];
}

export type ShellResult = CommandOutcome & { stdout: string; stderr: string };

const SEARCH_DIRS = ['/usr/local/sbin/', '/usr/local/bin/', '/usr/sbin/', '/usr/bin/', '/sbin/', '/bin/'];

function commandName(word: string): string {
  const dir = SEARCH_DIRS.find((d) => word.startsWith(d));
  return dir ? word.slice(dir.length) : word;
}

const SUDO_VALUE_FLAGS = new Set(['-u', '-g', '-p', '-C', '-h', '-D']);

interface Runner {
  run(argv: string[], user: ShellUser, stdin: () => Promise<string>): Promise<CommandOutcome>;
}

function sudo(opts: ShellOptions, runner: Runner): CommandHandler {
  return (io) => {
    let i = 1;
    let nonInteractive = false;
    let readsPasswordFromStdin = false;
    while (i < io.argv.length && (io.argv[i] as string).startsWith('-')) {
      const flag = io.argv[i] as string;
      i++;
      if (flag === '--') break;
      if (SUDO_VALUE_FLAGS.has(flag)) i++;
      if (flag.includes('n')) nonInteractive = true;
      if (flag.includes('S')) readsPasswordFromStdin = true;
    }
    const argv = io.argv.slice(i);
    if (argv.length === 0) return { stderr: 'usage: sudo -h | -K | -k | -V\n', exitCode: 1 };
    if (!io.user.isRoot && opts.sudo === 'password') {
      const terminal = nonInteractive || readsPasswordFromStdin
        ? ''
        : 'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n';
      return { stderr: `${terminal}sudo: a password is required\n`, exitCode: 1 };
    }
    return runner.run(argv, { name: 'root', isRoot: true }, io.stdin);
  };
}

function shC(opts: ShellOptions): CommandHandler {
  return async (io) => {
    if (io.argv[1] !== '-c' || io.argv[2] === undefined) return { stderr: 'sh: 0: -c requires an argument\n', exitCode: 2 };
    return runShell(io.argv[2], { ...opts, user: io.user, stdin: io.stdin, params: io.argv.slice(3) });
  };
}

function sendTo(fd: number, outcome: { stdout: string; stderr: string }, text: string): void {
  if (fd === 2) outcome.stderr += text;
  else outcome.stdout += text;
}

async function runSimple(cmd: SimpleCommand, opts: ShellOptions, runner: Runner, readFile: (path: string) => string | undefined): Promise<CommandOutcome> {
  let stdin = opts.stdin;
  for (const r of cmd.redirects.filter((r) => r.op === '<')) {
    const content = readFile(r.target);
    if (content === undefined) return { stderr: `sh: 1: cannot open ${r.target}: No such file\n`, exitCode: 2 };
    stdin = () => Promise.resolve(content);
  }
  const user = opts.user;
  const outcome = await runner.run(cmd.argv, user, stdin);
  const out = { stdout: '', stderr: '' };
  // Route each stream through the redirections, applied in order as dash does for these simple cases.
  const targets: Record<number, string> = { 1: 'stdout', 2: 'stderr' };
  const files = new Map<string, string>();
  for (const r of cmd.redirects) {
    if (r.op === '>&') targets[r.fd] = targets[Number(r.target)] ?? 'stdout';
    else if (r.op === '>' || r.op === '>>') {
      const path = opts.fs.resolve(r.target);
      if (path !== '/dev/null' && !canWrite(user, path)) return { stderr: `sh: 1: cannot create ${r.target}: Permission denied\n`, exitCode: 2 };
      targets[r.fd] = path;
      if (path !== '/dev/null') files.set(path, r.op === '>>' ? (opts.fs.read(path) ?? '') : '');
    }
  }
  for (const [fd, text] of [[1, outcome.stdout ?? ''], [2, outcome.stderr ?? '']] as const) {
    const target = targets[fd] as string;
    if (target === 'stdout') sendTo(1, out, text);
    else if (target === 'stderr') sendTo(2, out, text);
    else if (target !== '/dev/null') files.set(target, (files.get(target) ?? '') + text);
  }
  for (const [path, content] of files) {
    try {
      opts.fs.write(path, content);
    } catch (err) {
      return { stderr: `sh: 1: cannot create ${posix.basename(path)}: ${(err as Error).message}\n`, exitCode: 2 };
    }
  }
  return { ...outcome, stdout: out.stdout, stderr: out.stderr };
}

function variable(name: string, opts: ShellOptions): string | undefined {
  const params = opts.params ?? [];
  if (name === '#') return String(Math.max(params.length - 1, 0));
  if (/^[0-9]+$/.test(name)) return name === '0' ? (params[0] ?? 'sh') : params[Number(name)];
  return ({ HOME: homeDirectory(opts.user), USER: opts.user.name, LOGNAME: opts.user.name, SHELL: '/bin/sh' } as Record<string, string>)[name];
}

/** Runs one command line; never throws for anything a shell would report. */
export async function runShell(line: string, opts: ShellOptions): Promise<ShellResult> {
  let steps;
  try {
    steps = parseCommandLine(line, (name) => variable(name, opts));
  } catch (err) {
    if (err instanceof ShellSyntaxError) return { stdout: '', stderr: `sh: 1: ${err.message}\n`, exitCode: 2 };
    throw err;
  }
  const readFile = (path: string) => opts.specialFile?.(path) ?? opts.fs.read(path);
  const runner: Runner = {
    async run(argv, user, stdin) {
      const name = commandName(argv[0] as string);
      const builtins: Record<string, CommandHandler> = { sudo: sudo(opts, runner), sh: shC(opts), bash: shC(opts) };
      const handler = builtins[name] ?? opts.commands[name] ?? COREUTILS[name];
      if (!handler) return { stderr: `sh: 1: ${argv[0]}: not found\n`, exitCode: 127 };
      return handler({ argv: [name, ...argv.slice(1)], user, fs: opts.fs, readFile, stdin });
    },
  };
  const result: ShellResult = { stdout: '', stderr: '', exitCode: 0 };
  for (const step of steps) {
    if (step.after === '&&' && result.exitCode !== 0) continue;
    if (step.after === '||' && result.exitCode === 0) continue;
    const outcome = await runSimple(step.command, opts, runner, readFile);
    result.stdout += outcome.stdout ?? '';
    result.stderr += outcome.stderr ?? '';
    result.exitCode = outcome.exitCode;
    if (outcome.reboot) return { ...result, reboot: outcome.reboot };
  }
  return result;
}
