// The raw-SQL helpers against real PostgreSQL: rows read with columns() and written with assignments() are the
// same values the model API reads and writes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/config.schema';
import { Prisma } from '../../generated/prisma/client';
import type { Host } from '../../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { PrismaService } from './prisma.service';

describe('PrismaService raw helpers', () => {
  let db: TestDatabase;
  let prisma: PrismaService;
  let id: string;
  let imageId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = new PrismaService(db.url, { dbPoolSize: 2 } as AppConfig);
    const registry = await prisma.registry.create({ data: { name: 'r', url: 'https://r.example' } });
    imageId = (await prisma.image.create({ data: { registryId: registry.id, repository: 'os', tag: 'stable' } })).id;
    id = (await prisma.host.create({ data: { name: 'h', address: '10.0.0.1', sshUser: 'core', lastError: { code: 'X', message: 'm', at: 'now' } } })).id;
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('writes every kind of field through a raw UPDATE as the model API reads it back, in any time zone', async () => {
    const seen = new Date('2026-05-01T12:34:56.789Z');
    const [returned] = await prisma.$queryRaw<Host[]>`
      UPDATE hosts SET ${prisma.assignments('Host', { status: 'unreachable', imageId, attention: ['unreachable', 'timer-not-masked'], lastSeenAt: seen, facts: { kernel: '6.1' }, lastError: Prisma.DbNull, consecutiveFailures: 3, rollbackQueued: true, group: null, specImage: undefined })}
      WHERE id = ${id}::uuid RETURNING ${prisma.columns('Host')}`;
    const stored = await prisma.host.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: 'unreachable', imageId, attention: ['unreachable', 'timer-not-masked'], lastSeenAt: seen, facts: { kernel: '6.1' }, lastError: null, consecutiveFailures: 3, rollbackQueued: true, group: null, sshUser: 'core' });
    expect(returned).toEqual(stored);
  });

  it('reads rows through query() as the model API does, timestamps as UTC whatever the process time zone', async () => {
    await prisma.host.update({ where: { id }, data: { lastSeenAt: new Date('2026-05-01T12:34:56.789Z'), facts: { kernel: '6.1' }, attention: ['unreachable'] } });
    const stored = await prisma.host.findUniqueOrThrow({ where: { id } });
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata'; // +05:30: a timestamp read as local time would be off by hours
    try {
      const [row] = await prisma.query<Host>(Prisma.sql`SELECT ${prisma.columns('Host')} FROM hosts WHERE id = ${id}::uuid`);
      expect(row).toEqual(stored);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('runs a prepared query with the values of each call and the data as it is now, and refuses its name for another statement', async () => {
    const byName = (name: string) => prisma.query<{ address: string }>(Prisma.sql`SELECT address FROM hosts WHERE name = ${name}`, 'test-host-address-by-name');
    await prisma.host.create({ data: { name: 'prepared-b', address: '10.0.0.2', sshUser: 'core' } });
    // More calls than connections: each connection prepares it once and then reuses it.
    expect(await Promise.all(['h', 'prepared-b', 'h', 'prepared-b', 'nope'].map(byName))).toEqual([[{ address: '10.0.0.1' }], [{ address: '10.0.0.2' }], [{ address: '10.0.0.1' }], [{ address: '10.0.0.2' }], []]);
    await prisma.host.update({ where: { name: 'prepared-b' }, data: { address: '10.0.0.3' } });
    expect(await Promise.all([byName('prepared-b'), byName('prepared-b')])).toEqual([[{ address: '10.0.0.3' }], [{ address: '10.0.0.3' }]]);
    await expect(prisma.query(Prisma.sql`SELECT name FROM hosts WHERE address = ${'10.0.0.3'}`, 'test-host-address-by-name')).rejects.toThrow(/Prepared statements must be unique/);
  });

  it('refuses update operations, unknown fields and nothing to write', () => {
    expect(() => prisma.assignments('Host', { consecutiveFailures: { increment: 1 } })).toThrow(/only plain values/);
    expect(() => prisma.assignments('Host', { nope: 1 })).toThrow(/Host has no scalar field nope/);
    expect(() => prisma.assignments('Host', { group: undefined })).toThrow(/nothing to update/);
    expect(() => prisma.columns('Host', ['id', 'nope'])).toThrow(/Host has no scalar field nope/);
  });

  it('selects a missing row as nothing', async () => {
    const rows = await prisma.$queryRaw<Host[]>`SELECT ${prisma.columns('Host')} FROM hosts WHERE id = ${randomUUID()}::uuid`;
    expect(rows).toEqual([]);
  });
});
