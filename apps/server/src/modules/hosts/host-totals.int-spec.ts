// Fleet-list totals kept per filter, dropped by the hosts trigger (see the hosts_filter_change_trigger migration)
// when, and only when, a column some filter reads changes: writes made by anyone, here straight SQL.
import { firstValueFrom } from 'rxjs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/config.schema';
import { EventBus } from '../../infra/events/event-bus.service';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { until } from '../../testing/until';
import { HostTotals } from './host-totals';
import { hostListQuerySchema } from './hosts.dto';
import { HostsRepository } from './hosts.repository';

describe('fleet-list totals', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let bus: EventBus;
  let totals: HostTotals;
  let sql: pg.Client;
  let counts = 0;
  let hostId: string;
  let imageId: string;
  let repo: HostsRepository;
  // As HostsService.list asks: with the change counter its page's statement read, or (an empty page) without.
  const total = async (query: Record<string, string>) => {
    const q = hostListQuerySchema.parse(query);
    const [first] = await repo.page(q);
    return totals.total(q, first?.filterChanges);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = new PrismaService(db.url, { dbPoolSize: 2 } as AppConfig);
    bus = new EventBus(db.url);
    await bus.onModuleInit();
    repo = new HostsRepository(prisma);
    const count = repo.count.bind(repo);
    repo.count = (q) => {
      counts += 1;
      return count(q);
    };
    totals = new HostTotals(repo, bus);
    totals.onModuleInit();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const registry = await prisma.registry.create({ data: { name: 'r', url: 'https://r.example' } });
    imageId = (await prisma.image.create({ data: { registryId: registry.id, repository: 'os', tag: 'stable' } })).id;
    hostId = (await prisma.host.create({ data: { name: 'alpha', address: '10.0.0.1', sshUser: 'core' } })).id;
    await prisma.host.create({ data: { name: 'bravo', address: '10.0.0.2', sshUser: 'core' } });
  });

  afterAll(async () => {
    totals?.onModuleDestroy();
    await sql?.end();
    await bus?.onApplicationShutdown();
    await prisma?.$disconnect();
    await db?.drop();
  });

  /** Waits until the listener has heard everything committed so far (notifications arrive in commit order). */
  const heardAllSoFar = async () => {
    const marker = `marker_${Math.random().toString(36).slice(2)}`;
    const heard = firstValueFrom(bus.tableChanges(marker));
    await sql.query('SELECT pg_notify($1, $2)', ['bootfleet_table_changes', marker]);
    await heard;
  };

  it('counts a filter once while nothing a filter reads changes', async () => {
    await until('the listener', async () => bus.listening, (v) => v);
    await heardAllSoFar(); // the set-up's inserts
    expect(await total({})).toBe(2);
    const before = counts;
    expect(await total({})).toBe(2);
    await sql.query('UPDATE hosts SET last_seen_at = now(), last_refresh_at = now(), next_refresh_at = now() WHERE id = $1', [hostId]);
    await heardAllSoFar();
    expect(await total({})).toBe(2);
    expect(counts).toBe(before);
  });

  // Each filtered column, changed so that the filter's total moves: a column missing from the trigger keeps the old total.
  const changes: [column: string, query: Record<string, string>, set: string][] = [
    ['name', { q: 'zulu' }, "name = 'zulu'"],
    ['address', { q: '192.0.2.7' }, "address = '192.0.2.7'"],
    ['status', { status: 'unreachable' }, "status = 'unreachable'"],
    ['group', { group: 'edge' }, `"group" = 'edge'`],
    ['labels', { label: 'env=prod' }, `labels = '{"env":"prod"}'`],
    ['image_id', { imageId: '' }, 'image_id = $2::uuid'],
    ['booted_version', { version: '43.0' }, "booted_version = '43.0'"],
    ['booted_digest', { digest: 'feed' }, "booted_digest = 'sha256:feed'"],
    ['attention', { attention: 'unreachable' }, "attention = ARRAY['unreachable']"],
    ['update_available', { updateAvailable: 'true' }, 'update_available = true'],
  ];
  // Checked straight after the write returns, before its notification may have been heard: read your writes.
  it.each(changes)('counts again when %s changes', async (_column, query, set) => {
    const q = 'imageId' in query ? { imageId } : query;
    expect(await total(q)).toBe(0);
    await sql.query(`UPDATE hosts SET ${set} WHERE id = $1`, set.includes('$2') ? [hostId, imageId] : [hostId]);
    expect(await total(q)).toBe(1);
  });

  it('counts again when hosts are added or removed', async () => {
    const all = await total({});
    await sql.query("INSERT INTO hosts (id, name, address, ssh_user, updated_at) VALUES (gen_random_uuid(), 'charlie', '10.0.0.3', 'core', now())");
    expect(await total({})).toBe(all + 1);
    await sql.query("DELETE FROM hosts WHERE name = 'charlie'");
    expect(await total({})).toBe(all);
  });

  it('drops a total counted while a change was not yet committed once it is', async () => {
    const q = { status: 'pending' };
    const before = await total(q);
    await sql.query('BEGIN');
    await sql.query("UPDATE hosts SET status = 'online' WHERE name = 'bravo'");
    expect(await total(q)).toBe(before); // the counter moved, the rows are not visible yet
    await sql.query('COMMIT');
    await until('the total after the commit is heard', () => total(q), (n) => n === before - 1, 10_000);
  });

  it('counts every time while the listener is down, and starts afresh once it is back', async () => {
    await total({ status: 'pending' });
    await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    await until('the listener to notice', async () => bus.listening, (v) => !v, 10_000);
    const before = counts;
    await total({ status: 'pending' });
    await total({ status: 'pending' });
    expect(counts).toBe(before + 2);
    await until('the listener to reconnect', async () => bus.listening, (v) => v, 10_000);
    const afterReconnect = counts;
    await total({ status: 'pending' });
    await total({ status: 'pending' });
    expect(counts).toBe(afterReconnect + 1);
  });
});
