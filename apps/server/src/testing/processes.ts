import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is the state. */
function statFields(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
}

/** The running processes whose parent pid and command line pass `test`. */
function processesWhere(test: (parent: number, cmdline: string) => boolean): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return test(Number(statFields(pid)[1]), readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number)
    .sort();
}

/** The server processes (main.js) that node:cluster started under `parent`, not its PostgreSQL. */
export function serverProcessesOf(parent: number): number[] {
  return processesWhere((ppid, cmdline) => ppid === parent && cmdline.includes('main.js'));
}

/** Every PostgreSQL process on the machine (server, backends, background workers). */
export function postgresProcesses(): number[] {
  return processesWhere((_, cmdline) => cmdline.startsWith('postgres'));
}

/** CPU time (user + system) the processes have used so far, in ms; one that has exited counts nothing. */
export function cpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      ms += (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in clock ticks of 10 ms
    } catch {
      // exited meanwhile
    }
  }
  return ms;
}
