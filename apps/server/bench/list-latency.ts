import net from 'node:net';
import pg from 'pg';
import { cpuMs, postgresProcesses, serverProcessesOf } from '../src/testing/processes';
import type { BenchServer } from './bench-server';
import { summarize } from './stats';

const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 400;
const WARM_UP_REQUESTS_PER_CLIENT = 100;
export const LIST_HOST_COUNT = 10_000;

const benchHostName = (i: number) => `bench-${String(i).padStart(5, '0')}`;

/** What operators ask the fleet list for: default view, sorts, filters, search, deep pages. */
const LIST_QUERIES: Record<string, string> = {
  default: 'page=1&pageSize=100',
  'sort-last-seen-desc': 'sort=lastSeenAt&order=desc&pageSize=100',
  'sort-version': 'sort=bootedVersion&pageSize=100',
  'status-unreachable': 'status=unreachable&pageSize=100',
  'label-env-prod': 'label=env%3Dprod&pageSize=100',
  'label-and-group': 'label=site%3Dsite-7&group=group-3&pageSize=100',
  'update-available': 'updateAvailable=true&sort=name&pageSize=100',
  'search-name': 'q=bench-0042&pageSize=100',
  'attention-timer': 'attention=timer-not-masked&pageSize=100',
  'deep-page': 'page=80&pageSize=100&sort=address',
  'page-500': 'pageSize=500&sort=status',
};

/**
 * Inserts `count` realistic host rows straight into the database (enrollment is not what is measured). Their next
 * refresh is a day away: the addresses are made up, and the server's scheduler would otherwise spend the
 * measurement failing to reach them (refreshes are measured by `refresh`).
 */
export async function insertHosts(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const BATCH = 1000;
    for (let start = 0; start < count; start += BATCH) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const version = `42.${i % 7}`;
        const unreachable = i % 50 === 0;
        const row = [
          benchHostName(i),
          `10.${Math.floor(i / 65_536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
          unreachable ? 'unreachable' : 'online',
          JSON.stringify({ env: i % 3 === 0 ? 'staging' : 'prod', site: `site-${i % 20}` }),
          `group-${i % 10}`,
          `sha256:${(i % 7).toString(16).padStart(64, 'a')}`,
          version,
          i % 4 === 0,
          i % 25 === 0 ? 'enabled' : 'masked',
          [...(unreachable ? ['unreachable'] : []), ...(i % 25 === 0 ? ['timer-not-masked'] : [])],
          new Date(Date.now() - (i % 3600) * 1000),
        ];
        const base = values.length;
        values.push(...row);
        rows.push(
          `(gen_random_uuid(), $${base + 1}, $${base + 2}, 22, 'core', 'fleet_key', $${base + 3}::"HostStatus", $${base + 4}::jsonb, $${base + 5}, 'registry.example.com/fleet/os:stable', 'amd64', $${base + 6}, $${base + 7}, $${base + 8}, $${base + 9}, $${base + 10}::text[], $${base + 11}, now() + interval '1 day', now(), now())`,
        );
      }
      await client.query(
        `INSERT INTO hosts (id, name, address, port, ssh_user, credential_kind, status, labels, "group", booted_image, architecture, booted_digest, booted_version, update_available, timer_state, attention, last_seen_at, next_refresh_at, enrolled_at, updated_at) VALUES ${rows.join(', ')}`,
        values,
      );
    }
    // As in a fleet that has been running: the one-off autovacuum a bulk insert sets off would run during the
    // measurement otherwise (seconds of PostgreSQL CPU on the same 2 cores).
    await client.query('VACUUM ANALYZE hosts');
  } finally {
    await client.end();
  }
}

/**
 * The load generator: one kept-alive connection per client, written to and read from as a raw socket. It shares
 * the 2 cores with the server and PostgreSQL, so it must cost little (as wrk or autocannon do): fetch (undici) took
 * 1.1 ms of CPU per request here, node:http 0.35-0.6 ms (its parser and stream objects for 100-500 kB answers);
 * this reads the status line and Content-Length and then only counts the body's bytes, read into one buffer per
 * connection (0.1 ms).
 */
class RawHttpClient {
  private readonly socket: net.Socket;
  private head: Buffer | null = null;
  private remaining = 0;
  private status = 0;
  private pending: { resolve: (status: number) => void; reject: (err: Error) => void } | undefined;

  private constructor(
    socket: net.Socket,
    private readonly requestHead: (pathAndQuery: string) => string,
  ) {
    this.socket = socket;
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static connect(baseUrl: string, headers: Record<string, string>): Promise<RawHttpClient> {
    const url = new URL(baseUrl);
    const headerLines = Object.entries({ host: url.host, ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    return new Promise((resolve, reject) => {
      let client: RawHttpClient | undefined;
      // Reads land in one buffer of the connection's own, not in a new Buffer and a 'data' event per chunk.
      const onread = {
        buffer: Buffer.allocUnsafe(256 * 1024),
        callback: (bytes: number, buffer: Uint8Array) => {
          client?.receive(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
          return true;
        },
      };
      const socket = net.connect({ port: Number(url.port), host: url.hostname, onread }, () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        client = new RawHttpClient(socket, (pathAndQuery) => `GET ${pathAndQuery} HTTP/1.1\r\n${headerLines}\r\n`);
        resolve(client);
      });
      socket.once('error', reject);
    });
  }

  /** Sends a GET and resolves with the status once the whole answer has arrived. */
  get(pathAndQuery: string): Promise<number> {
    if (this.pending) throw new Error('one request at a time per connection');
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(this.requestHead(pathAndQuery));
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (this.remaining > 0) {
      this.remaining -= chunk.length;
    } else {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        this.head = Buffer.from(head); // a copy: the read buffer is reused
        return;
      }
      this.head = null;
      const lines = head.toString('latin1', 0, end).split('\r\n');
      this.status = Number(lines[0]?.split(' ')[1]);
      const length = lines.find((l) => /^content-length:/i.test(l));
      if (!length) return this.fail(new Error(`an answer without Content-Length: ${lines[0]}`));
      this.remaining = Number(length.slice(length.indexOf(':') + 1)) - (head.length - end - 4);
    }
    if (this.remaining < 0) return this.fail(new Error('more bytes than the answer\'s Content-Length'));
    if (this.remaining === 0 && this.pending) {
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve(this.status);
    }
  }

  private fail(err: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(err);
  }
}

/**
 * What the fleet's refreshes write meanwhile: every host seen again every 5 minutes (the default interval), 33 of the
 * 10,000 a second, each a new version of its row (the server keeps each host's JSON per row version).
 */
const REFRESHES_PER_SECOND = LIST_HOST_COUNT / 300;

function startRefreshWrites(databaseUrl: string): { written: () => number; stop: () => Promise<void> } {
  const client = new pg.Client({ connectionString: databaseUrl });
  let writes = 0;
  let stopped = false;
  const done = (async () => {
    await client.connect();
    const started = performance.now();
    while (!stopped) {
      const due = Math.floor(((performance.now() - started) / 1000) * REFRESHES_PER_SECOND);
      for (; writes < due; writes++) {
        const name = benchHostName(Math.floor(Math.random() * LIST_HOST_COUNT));
        await client.query('UPDATE hosts SET last_seen_at = now(), last_refresh_at = now() WHERE name = $1', [name]);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await client.end();
  })();
  return {
    written: () => writes,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/** 20 clients each sending requests back to back, cycling through the query mix, while hosts are refreshed. */
export async function measureListLatency(server: BenchServer, databaseUrl: string): Promise<Record<string, unknown>> {
  const names = Object.keys(LIST_QUERIES);
  const byQuery = new Map<string, number[]>(names.map((n) => [n, []]));
  const all: number[] = [];
  const connections = await Promise.all(Array.from({ length: CLIENTS }, () => RawHttpClient.connect(server.baseUrl, server.headers)));
  const refreshes = startRefreshWrites(databaseUrl);
  const run = (requestsPerClient: number, record: (name: string, ms: number) => void) =>
    Promise.all(
      connections.map(async (connection, client) => {
        for (let i = 0; i < requestsPerClient; i++) {
          const name = names[(client + i) % names.length] as string;
          const t0 = performance.now();
          const status = await connection.get(`/api/hosts?${LIST_QUERIES[name]}`);
          if (status !== 200) throw new Error(`GET /api/hosts?${LIST_QUERIES[name]}: ${status}`);
          record(name, performance.now() - t0);
        }
      }),
    );
  try {
    // Warm-up, not counted: the same load until the server's code is compiled (JIT) and its pools and caches are in
    // place, as in a server that has been running; the figures are the steady state after it.
    await run(WARM_UP_REQUESTS_PER_CLIENT, () => undefined);
    // The server and, with BOOTFLEET_API_PROCESSES, the API processes it started.
    const serverPids = [server.pid, ...serverProcessesOf(server.pid)];
    const serverCpu0 = cpuMs(serverPids);
    // All of the machine's PostgreSQL: its backends come and go with the server's pool.
    const postgresCpu0 = cpuMs(postgresProcesses());
    const clientCpu0 = process.cpuUsage();
    const written0 = refreshes.written();
    const started = performance.now();
    await run(REQUESTS_PER_CLIENT, (name, ms) => {
      byQuery.get(name)?.push(ms);
      all.push(ms);
    });
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    const perRequest = (ms: number) => Math.round((ms / all.length) * 100) / 100;
    return {
      clients: CLIENTS,
      requests: all.length,
      requestsPerSecond: Math.round(all.length / seconds),
      hostWritesPerSecond: Math.round((refreshes.written() - written0) / seconds),
      overallMs: summarize(all),
      byQueryMs: Object.fromEntries([...byQuery].map(([n, s]) => [n, summarize(s)])),
      cpuMsPerRequest: {
        server: perRequest(cpuMs(serverPids) - serverCpu0),
        postgresql: perRequest(cpuMs(postgresProcesses()) - postgresCpu0),
        loadGenerator: perRequest((clientCpu.user + clientCpu.system) / 1000),
      },
    };
  } finally {
    for (const connection of connections) connection.close();
    await refreshes.stop();
  }
}
