// The fleet list's SQL against real PostgreSQL: every filter, every sort, paging and the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/config.schema';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { hostPageSql } from './host-list-sql';
import { type HostListQuery, hostListQuerySchema, SORTABLE } from './hosts.dto';
import { HostsRepository } from './hosts.repository';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

const HOSTS: Prisma.HostCreateManyInput[] = [
  { name: 'alpha', address: '10.0.0.3', sshUser: 'core', status: 'online', labels: { env: 'prod', site: 'ber' }, group: 'edge', bootedDigest: DIGEST_A, bootedVersion: '42.1', lastSeenAt: new Date('2026-01-01T00:00:02Z'), attention: ['timer-not-masked'] },
  { name: 'bravo', address: '10.0.0.1', sshUser: 'core', status: 'unreachable', labels: { env: 'prod', site: 'muc' }, group: 'core', bootedDigest: DIGEST_B, bootedVersion: '42.2', lastSeenAt: new Date('2026-01-01T00:00:03Z'), updateAvailable: true, attention: ['unreachable'] },
  { name: 'charlie', address: '10.0.0.2', sshUser: 'core', status: 'online', labels: { env: 'staging' }, bootedDigest: DIGEST_A, bootedVersion: '42.1', lastSeenAt: new Date('2026-01-01T00:00:01Z'), updateAvailable: true },
  { name: 'delta_50%', address: '10.0.1.9', sshUser: 'core', status: 'pending', labels: {} },
];

/** A database of its own holding these hosts, for the enclosing describe. */
function databaseWith(hosts: Prisma.HostCreateManyInput[]): { db: TestDatabase; prisma: PrismaService; repo: HostsRepository } {
  const t = {} as { db: TestDatabase; prisma: PrismaService; repo: HostsRepository };
  beforeAll(async () => {
    t.db = await createTestDatabase();
    t.prisma = new PrismaService(t.db.url, { dbPoolSize: 2 } as AppConfig);
    t.repo = new HostsRepository(t.prisma);
    await t.prisma.host.createMany({ data: hosts });
  });
  afterAll(async () => {
    await t.prisma?.$disconnect();
    await t.db?.drop();
  });
  return t;
}

/** The names on a page, in its order (a page is ids and versions; summaries are read by id). */
async function pageNames(repo: HostsRepository, q: HostListQuery): Promise<string[]> {
  const page = await repo.page(q);
  const byId = new Map((await repo.summaries(page.map((h) => h.id))).map((h) => [h.id, h.name]));
  return page.map((h) => byId.get(h.id) ?? `missing ${h.id}`);
}

describe('hosts list SQL', () => {
  const t = databaseWith(HOSTS);
  const names = async (query: Record<string, string | string[]>) => {
    const q = hostListQuerySchema.parse(query);
    const [names, total] = await Promise.all([pageNames(t.repo, q), t.repo.count(q)]);
    return { names, total };
  };

  it('filters on each field and on several together', async () => {
    expect(await names({ status: 'online' })).toEqual({ names: ['alpha', 'charlie'], total: 2 });
    expect(await names({ label: 'env=prod' })).toEqual({ names: ['alpha', 'bravo'], total: 2 });
    expect(await names({ label: ['env=prod', 'site=muc'] })).toEqual({ names: ['bravo'], total: 1 });
    expect(await names({ label: ['env=prod', 'env=staging'] })).toEqual({ names: [], total: 0 });
    expect(await names({ group: 'edge' })).toEqual({ names: ['alpha'], total: 1 });
    expect(await names({ version: '42.1' })).toEqual({ names: ['alpha', 'charlie'], total: 2 });
    expect(await names({ digest: 'bbbb' })).toEqual({ names: ['bravo'], total: 1 });
    expect(await names({ attention: 'timer-not-masked' })).toEqual({ names: ['alpha'], total: 1 });
    expect(await names({ updateAvailable: 'true', status: 'online' })).toEqual({ names: ['charlie'], total: 1 });
    expect(await names({ updateAvailable: 'false' })).toEqual({ names: ['alpha', 'delta_50%'], total: 2 });
  });

  it('searches names, addresses, versions and digest prefixes, wildcards taken literally', async () => {
    expect((await names({ q: 'ALP' })).names).toEqual(['alpha']);
    expect((await names({ q: '10.0.0.' })).names).toEqual(['alpha', 'bravo', 'charlie']);
    expect((await names({ q: '42.2' })).names).toEqual(['bravo']);
    expect((await names({ q: 'sha256:aaaa' })).names).toEqual(['alpha', 'charlie']);
    expect((await names({ q: '_50%' })).names).toEqual(['delta_50%']);
    expect((await names({ q: 'a_p' })).names).toEqual([]);
  });

  it('sorts by each column with the name breaking ties, never-seen hosts last both ways', async () => {
    expect((await names({ sort: 'address' })).names).toEqual(['bravo', 'charlie', 'alpha', 'delta_50%']);
    expect((await names({ sort: 'lastSeenAt', order: 'desc' })).names).toEqual(['bravo', 'alpha', 'charlie', 'delta_50%']);
    expect((await names({ sort: 'lastSeenAt', order: 'asc' })).names).toEqual(['charlie', 'alpha', 'bravo', 'delta_50%']);
    expect((await names({ sort: 'bootedVersion', order: 'desc' })).names).toEqual(['bravo', 'alpha', 'charlie', 'delta_50%']);
    expect((await names({ sort: 'updateAvailable', order: 'desc' })).names).toEqual(['bravo', 'charlie', 'alpha', 'delta_50%']);
    expect((await names({ sort: 'status' })).names).toEqual(['delta_50%', 'alpha', 'charlie', 'bravo']);
  });

  it('pages with the total of all matches', async () => {
    expect(await names({ pageSize: '2', page: '2' })).toEqual({ names: ['charlie', 'delta_50%'], total: 4 });
    expect(await names({ pageSize: '2', page: '3' })).toEqual({ names: [], total: 4 });
  });

  it('returns summaries with typed values: dates, labels, attention', async () => {
    const [entry] = await t.repo.page(hostListQuerySchema.parse({ q: 'alpha' }));
    const items = await t.repo.summaries([entry?.id ?? '']);
    expect(items[0]).toMatchObject({ name: 'alpha', sshUser: 'core', port: 22, labels: { env: 'prod', site: 'ber' }, attention: ['timer-not-masked'], lastSeenAt: new Date('2026-01-01T00:00:02Z'), stagedDownloadOnly: false });
  });

  it('lists the refreshable ids of a filter, never pending hosts', async () => {
    const ids = await t.repo.allRefreshableIds(hostListQuerySchema.parse({ label: 'env=prod' }));
    expect(ids).toHaveLength(2);
    expect((await t.repo.allRefreshableIds(null)).length).toBe(3);
  });
});

describe('hosts list SQL, deep pages', () => {
  // Enough hosts that page 21 of 100 is past the offset where unfiltered pages are found by name first; ties and
  // never-seen hosts on every sort column.
  const t = databaseWith(
    Array.from({ length: 2150 }, (_, i) => ({
      name: `deep-${String((i * 7919) % 2150).padStart(4, '0')}`,
      address: `10.1.${i % 13}.${i % 251}`,
      sshUser: 'core',
      status: (['online', 'unreachable', 'pending'] as const)[i % 3],
      labels: { all: 'yes' },
      bootedVersion: i % 17 === 0 ? null : `42.${i % 5}`,
      lastSeenAt: i % 11 === 0 ? null : new Date(Date.UTC(2026, 0, 1, 0, 0, i % 97)),
      updateAvailable: i % 4 === 0,
    })),
  );

  it('finds unfiltered deep pages by name first, with the same hosts in the same order as reading straight', async () => {
    const deep = hostListQuerySchema.parse({ page: '21', pageSize: '100' });
    expect(hostPageSql(deep, t.prisma.columns('Host', ['name']), t.prisma.column('Host', 'name')).text).toContain('WHERE name IN (SELECT name FROM hosts ORDER BY');
    for (const sort of SORTABLE) {
      for (const order of ['asc', 'desc']) {
        for (const page of ['21', '22']) {
          const unfiltered = await pageNames(t.repo, hostListQuerySchema.parse({ sort, order, page, pageSize: '100' }));
          // The same hosts through a filter that matches them all: read straight.
          const straight = await pageNames(t.repo, hostListQuerySchema.parse({ sort, order, page, pageSize: '100', label: 'all=yes' }));
          expect(unfiltered, `${sort} ${order} page ${page}`).toEqual(straight);
          expect(unfiltered).toHaveLength(page === '21' ? 100 : 50);
        }
      }
    }
  });
});
