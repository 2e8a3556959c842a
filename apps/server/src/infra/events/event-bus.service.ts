import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { filter, map, type Observable, Subject } from 'rxjs';
import { DATABASE_URL } from '../prisma/prisma.service';

export interface BusEvent {
  /** Dotted topic, e.g. `host.updated`; subscribers filter on its first segment. */
  topic: string;
  data: Record<string, unknown>;
}

const CHANNEL = 'bootfleet_events';
// Filled by database triggers (bootfleet_signal_table_change, see the migrations) with the changed table's name.
const TABLE_CHANGES_CHANNEL = 'bootfleet_table_changes';
// Sent to every table's subscribers when the listener (re)connects: changes may have gone unheard meanwhile.
const ANY_TABLE = '*';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: events carry ids and small summaries.
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = 1_000;

/**
 * Live events across every server process, over PostgreSQL LISTEN/NOTIFY: whichever process changed
 * something, every process's dashboard streams see it. Delivery is best effort; clients re-fetch
 * the resource an event names, so a missed event costs freshness, not correctness.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventBus.name);
  private readonly events = new Subject<BusEvent>();
  private readonly changedTables = new Subject<string>();
  private readonly pool: pg.Pool;
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, allowExitOnIdle: true });
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      if (msg.channel === TABLE_CHANGES_CHANNEL && msg.payload) return this.changedTables.next(msg.payload);
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        this.events.next(JSON.parse(msg.payload) as BusEvent);
      } catch {
        this.logger.warn('ignored a malformed event payload');
      }
    });
    let lost = false;
    const retry = (why: string) => {
      if (lost || this.closed) return;
      lost = true;
      this.logger.warn(why);
      if (this.listener === client) this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
    };
    client.on('error', (err) => retry(`event listener lost its connection: ${err.message}`));
    client.on('end', () => retry('event listener lost its connection'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}; LISTEN ${TABLE_CHANGES_CHANNEL}`);
      this.listener = client;
      this.changedTables.next(ANY_TABLE);
    } catch (err) {
      retry(`event listener could not connect: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }

  async publish(topic: string, data: Record<string, unknown>): Promise<void> {
    const payload = JSON.stringify({ topic, data } satisfies BusEvent);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`event ${topic} is too large to publish`);
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    } catch (err) {
      this.logger.warn(`could not publish ${topic}: ${(err as Error).message}`);
    }
  }

  /** Events whose topic starts with one of `prefixes` (all events when empty). */
  stream(prefixes: readonly string[] = []): Observable<BusEvent> {
    return this.events.pipe(filter((e) => prefixes.length === 0 || prefixes.some((p) => e.topic === p || e.topic.startsWith(`${p}.`))));
  }

  /**
   * Committed changes to `table` (told by a database trigger after commit, not by the code that wrote), and every
   * (re)connect of the listener, when changes may have gone unheard. Unlike `stream()` this misses nothing while
   * `listening`: a cache of the table's reads drops them on each signal and keeps none while not listening.
   */
  tableChanges(table: string): Observable<void> {
    return this.changedTables.pipe(
      filter((t) => t === table || t === ANY_TABLE),
      map(() => undefined),
    );
  }

  get listening(): boolean {
    return this.listener !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.events.complete();
    this.changedTables.complete();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
