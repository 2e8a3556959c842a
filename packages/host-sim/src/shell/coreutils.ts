// The handful of coreutils the agent and ansible raw use to look at and write files atomically
// (`install -m 600 /dev/stdin PATH.tmp && mv PATH.tmp PATH`), with coreutils' error wording.
import { posix } from 'node:path';
import { canWrite, type CommandHandler, type CommandIo, type CommandOutcome } from './command-types';

const ok = (stdout = ''): CommandOutcome => ({ stdout, exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandOutcome => ({ stderr: `${stderr}\n`, exitCode });

function splitFlags(args: string[], withValue: string[] = []): { flags: Map<string, string>; operands: string[] } {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (withValue.includes(arg)) flags.set(arg, args[++i] ?? '');
      else for (const letter of arg.slice(1)) flags.set(`-${letter}`, '');
    } else {
      operands.push(arg);
    }
  }
  return { flags, operands };
}

async function readSource(io: CommandIo, path: string): Promise<string | undefined> {
  return path === '/dev/stdin' || path === '-' ? io.stdin() : io.readFile(path);
}

const cat: CommandHandler = async (io) => {
  const paths = io.argv.slice(1);
  if (paths.length === 0) return ok(await io.stdin());
  let stdout = '';
  for (const path of paths) {
    const content = await readSource(io, path);
    if (content === undefined) {
      const stat = io.fs.stat(path);
      return { stdout, ...fail(`cat: ${path}: ${stat?.kind === 'dir' ? 'Is a directory' : 'No such file or directory'}`) };
    }
    stdout += content;
  }
  return ok(stdout);
};

const install: CommandHandler = async (io) => {
  const { flags, operands } = splitFlags(io.argv.slice(1), ['-m', '-o', '-g']);
  const mode = Number.parseInt(flags.get('-m') ?? '755', 8);
  if (flags.has('-d')) return mkdirAll(io, operands);
  const [src, dst] = operands;
  if (src === undefined || dst === undefined) return fail('install: missing destination file operand');
  const content = await readSource(io, src);
  if (content === undefined) return fail(`install: cannot stat '${src}': No such file or directory`);
  if (!canWrite(io.user, io.fs.resolve(dst))) return fail(`install: cannot create regular file '${dst}': Permission denied`);
  try {
    io.fs.write(dst, content, mode, { createParents: flags.has('-D') });
    io.fs.chmod(dst, mode);
  } catch (err) {
    return fail(`install: cannot create regular file '${dst}': ${(err as Error).message}`);
  }
  return ok();
};

function mkdirAll(io: CommandIo, dirs: string[]): CommandOutcome {
  for (const dir of dirs) {
    if (!canWrite(io.user, `${io.fs.resolve(dir)}/`)) return fail(`mkdir: cannot create directory '${dir}': Permission denied`);
    try {
      io.fs.mkdirp(dir);
    } catch (err) {
      return fail(`mkdir: cannot create directory '${dir}': ${(err as Error).message}`);
    }
  }
  return ok();
}

const mkdir: CommandHandler = (io) => {
  const { flags, operands } = splitFlags(io.argv.slice(1), ['-m']);
  if (!flags.has('-p')) {
    const missingParent = operands.find((dir) => io.fs.stat(posix.dirname(io.fs.resolve(dir)))?.kind !== 'dir');
    if (missingParent) return fail(`mkdir: cannot create directory '${missingParent}': No such file or directory`);
  }
  return mkdirAll(io, operands);
};

const mv: CommandHandler = (io) => {
  const [src, dst] = splitFlags(io.argv.slice(1)).operands;
  if (src === undefined || dst === undefined) return fail('mv: missing destination file operand');
  if (!canWrite(io.user, io.fs.resolve(dst))) return fail(`mv: cannot move '${src}' to '${dst}': Permission denied`);
  try {
    io.fs.rename(src, dst);
  } catch (err) {
    return fail(`mv: cannot stat '${src}': ${(err as Error).message}`);
  }
  return ok();
};

const rm: CommandHandler = (io) => {
  const { flags, operands } = splitFlags(io.argv.slice(1));
  for (const path of operands) {
    if (!canWrite(io.user, io.fs.resolve(path))) return fail(`rm: cannot remove '${path}': Permission denied`);
    if (!io.fs.remove(path) && !flags.has('-f')) return fail(`rm: cannot remove '${path}': No such file or directory`);
  }
  return ok();
};

const chmod: CommandHandler = (io) => {
  const [mode, ...paths] = splitFlags(io.argv.slice(1)).operands;
  for (const path of paths) {
    if (!canWrite(io.user, io.fs.resolve(path))) return fail(`chmod: changing permissions of '${path}': Operation not permitted`);
    try {
      io.fs.chmod(path, Number.parseInt(mode ?? '', 8));
    } catch {
      return fail(`chmod: cannot access '${path}': No such file or directory`);
    }
  }
  return ok();
};

const echo: CommandHandler = (io) => {
  const args = io.argv.slice(1);
  const noNewline = args[0] === '-n';
  return ok(`${(noNewline ? args.slice(1) : args).join(' ')}${noNewline ? '' : '\n'}`);
};

export const COREUTILS: Record<string, CommandHandler> = {
  cat,
  install,
  mkdir,
  mv,
  rm,
  chmod,
  echo,
  true: () => ok(),
  false: () => ({ exitCode: 1 }),
  sleep: () => ok(),
  // Files here carry explicit modes (install -m, chmod), so the creation mask changes nothing.
  umask: () => ok(),
};
