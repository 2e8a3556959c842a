import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { prismaCliPaths } from './migrate';

describe('committed migrations', () => {
  // The diff replays the migrations on a shadow database created on this database's server.
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('produce exactly the schema in prisma/schema', () => {
    const { cli, config } = prismaCliPaths();
    const prismaDir = path.dirname(config);
    const r = spawnSync(
      process.execPath,
      [cli, 'migrate', 'diff', '--from-migrations', path.join(prismaDir, 'migrations'), '--to-schema-datamodel', path.join(prismaDir, 'schema'), '--exit-code', '--config', config],
      { encoding: 'utf8', env: { PATH: process.env.PATH, CHECKPOINT_DISABLE: '1', DATABASE_URL: db.url } },
    );
    // --exit-code: 0 means no difference, 2 means the schema has changes no migration covers.
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});
