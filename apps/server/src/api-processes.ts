import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

export interface ApiProcessesOptions {
  count: number;
  /** The roles this server was configured with: the first process runs them all, the others the API only. */
  roles: readonly string[];
  databaseUrl: string;
  shutdownTimeoutMs: number;
  log: Logger;
  /** Called when processes keep dying at start-up: the supervisor gives up. */
  onGiveUp: () => void;
}

const RESTART_DELAY_MS = 1_000;
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

/**
 * Serves the API from `count` processes sharing one port (node:cluster hands connections out in turn): a Node
 * process uses one core, and answering the API is CPU work. The first process runs every configured role; the
 * others serve the API only, since jobs and schedules need no more. The first starts alone, so that what a first
 * start creates (the key file, the initial admin, the fleet key, the job schema) is created once. A process that
 * dies is replaced, unless processes keep dying; `stop()` stops them all, each shutting down in order.
 */
export async function startApiProcesses(options: ApiProcessesOptions): Promise<{ stop(): Promise<void> }> {
  const { log } = options;
  const workers = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;

  const fork = (first: boolean): Worker => {
    const worker = cluster.fork({
      DATABASE_URL: options.databaseUrl,
      BOOTFLEET_ROLES: first ? options.roles.join(',') : 'api',
      BOOTFLEET_API_PROCESSES: '1',
    });
    workers.add(worker);
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && (crashes[0] ?? now) < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_CRASHES_IN_WINDOW) {
        log.fatal({ pid: worker.process.pid, code, signal }, `server processes keep exiting (${crashes.length} within a minute): giving up`);
        options.onGiveUp();
        return;
      }
      log.error({ pid: worker.process.pid, code, signal }, 'a server process exited: starting another');
      setTimeout(() => {
        if (!stopping) fork(first);
      }, RESTART_DELAY_MS).unref();
    });
    return worker;
  };

  const first = fork(true);
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the first server process exited during start-up (code ${code})`));
    first.once('exit', exited);
    first.once('listening', () => {
      first.off('exit', exited);
      resolve();
    });
  });
  for (let i = 1; i < options.count; i++) fork(false);

  return {
    async stop() {
      stopping = true;
      const all = [...workers];
      await Promise.all(
        all.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              // Before the supervisor's own deadline (shutdownTimeoutMs + 5 s), so that no process outlives it.
              const force = setTimeout(() => worker.process.kill('SIGKILL'), options.shutdownTimeoutMs + 2_000).unref();
              worker.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
