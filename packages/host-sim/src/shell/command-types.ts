import type { RebootKind } from '../state/host-state';
import type { VirtualFs } from './virtual-fs';

export interface ShellUser {
  name: string;
  isRoot: boolean;
}

export interface CommandIo {
  argv: string[];
  user: ShellUser;
  fs: VirtualFs;
  /** Reads a file as the host sees it: computed files (/proc/...) first, then fs. */
  readFile(path: string): string | undefined;
  /** Resolves with everything the client sends until EOF; only commands that read stdin call it. */
  stdin(): Promise<string>;
}

export interface CommandOutcome {
  stdout?: string;
  stderr?: string;
  exitCode: number;
  /** The command took the machine down: nothing after it runs. */
  reboot?: RebootKind;
}

export type CommandHandler = (io: CommandIo) => Promise<CommandOutcome> | CommandOutcome;

/** The login's home directory, as useradd makes it. */
export function homeDirectory(user: ShellUser): string {
  return user.isRoot ? '/root' : `/home/${user.name}`;
}

/** Whether user may create or replace path: root anywhere, others in /tmp and their home. */
export function canWrite(user: ShellUser, path: string): boolean {
  return user.isRoot || path.startsWith('/tmp/') || path.startsWith(`${homeDirectory(user)}/`);
}
