#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes a new migration in prisma/migrations for the changes made to
// prisma/schema/*.prisma, diffed against the committed migrations on a scratch database.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './lib/setup.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <snake_case_name>');
  process.exit(2);
}
const admin = process.env.BOOTFLEET_MIGRATION_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const db = `bootfleet_migration_${process.pid}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE "${db}"`);
const url = new URL(admin);
url.pathname = `/${db}`;
try {
  const r = spawnSync('npx', ['prisma', 'migrate', 'dev', '--name', name, '--skip-generate', '--config', '../../prisma/prisma.config.ts'], {
    cwd: path.join(ROOT, 'apps/server'),
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
  process.exitCode = r.status ?? 1;
} finally {
  await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await client.end();
}
