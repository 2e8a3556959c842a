import { AgentError } from '../errors';

// Characters that never need quoting in a POSIX shell word; anything else gets single quotes.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell (the remote login shell runs what SSH exec sends). */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) throw new AgentError('INVALID_ARGUMENT', 'command arguments cannot contain NUL bytes', { raw: arg });
  if (arg.length > 0 && SAFE_WORD.test(arg)) return arg;
  // Inside single quotes nothing is special except the closing quote itself: close, escape it, reopen.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** THE one place an argv array becomes a command line. */
export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new AgentError('INVALID_ARGUMENT', 'empty command');
  return argv.map(quoteArg).join(' ');
}
