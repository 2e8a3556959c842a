import { firstValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { EventBus } from './event-bus.service';

describe('EventBus over LISTEN/NOTIFY', () => {
  let db: TestDatabase;
  let a: EventBus;
  let b: EventBus;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = new EventBus(db.url);
    b = new EventBus(db.url);
    await Promise.all([a.onModuleInit(), b.onModuleInit()]);
  });

  afterAll(async () => {
    await Promise.all([a?.onApplicationShutdown(), b?.onApplicationShutdown()]);
    await db?.drop();
  });

  it('delivers an event published by one process to every process, filtered by topic', async () => {
    const atB = firstValueFrom(b.stream(['host']).pipe(take(2), toArray()));
    const atA = firstValueFrom(a.stream(['host']).pipe(take(2), toArray()));
    await a.publish('image.updated', { id: 'i1' });
    await a.publish('host.updated', { id: 'h1' });
    await b.publish('host.removed', { id: 'h2' });
    const expected = [
      { topic: 'host.updated', data: { id: 'h1' } },
      { topic: 'host.removed', data: { id: 'h2' } },
    ];
    expect(await atB).toEqual(expected);
    expect(await atA).toEqual(expected);
  });

  it('refuses events too large for NOTIFY', async () => {
    await expect(a.publish('host.updated', { blob: 'x'.repeat(9000) })).rejects.toThrow(/too large/);
  });
});
