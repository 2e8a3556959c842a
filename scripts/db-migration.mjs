#!/usr/bin/env node
// `npm run db:migration -- <name> [schema-file ...]`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the migrations to prisma/schema. With schema files named (e.g. `hosts ssh`),
// only those files' working copies are used, and every other file and every migration is taken as
// committed, so that several people changing the schema at once each migrate only their own models.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './lib/setup.mjs';

const [name, ...only] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <snake_case_name> [schema-file ...]');
  process.exit(2);
}
const schemaDir = path.join(ROOT, 'prisma', 'schema');
const migrationsDir = path.join(ROOT, 'prisma', 'migrations');

function committedMigrations() {
  if (only.length === 0) return { dir: migrationsDir, cleanup() {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bootfleet-migrations-'));
  execFileSync('sh', ['-c', `git archive HEAD prisma/migrations | tar -x -C "${dir}" --strip-components=2`], { cwd: ROOT });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function schemaSource() {
  if (only.length === 0) return { dir: schemaDir, cleanup() {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bootfleet-schema-'));
  const wanted = new Set(only.map((f) => (f.endsWith('.prisma') ? f : `${f}.prisma`)));
  for (const file of readdirSync(schemaDir)) {
    if (wanted.has(file)) {
      cpSync(path.join(schemaDir, file), path.join(dir, file));
      continue;
    }
    try {
      const committed = execFileSync('git', ['show', `HEAD:prisma/schema/${file}`], { cwd: ROOT });
      writeFileSync(path.join(dir, file), committed);
    } catch {
      // Not committed yet and not named: someone else's new file, left out.
    }
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const admin = process.env.BOOTFLEET_MIGRATION_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const db = `bootfleet_migration_${process.pid}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE "${db}"`);
const url = new URL(admin);
url.pathname = `/${db}`;
const source = schemaSource();
const migrations = committedMigrations();
try {
  const r = spawnSync(
    'npx',
    ['prisma', 'migrate', 'diff', '--from-migrations', migrations.dir, '--to-schema-datamodel', source.dir, '--script', '--config', '../../prisma/prisma.config.ts'],
    { cwd: path.join(ROOT, 'apps/server'), encoding: 'utf8', env: { ...process.env, DATABASE_URL: url.toString() } },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exitCode = 1;
  } else if (/^-- This is an empty migration\.?\s*$/.test(r.stdout.trim())) {
    console.log('No schema change: no migration written.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'migration.sql'), r.stdout);
    console.log(`Wrote ${path.relative(ROOT, dir)}/migration.sql:\n\n${r.stdout}`);
  }
} finally {
  source.cleanup();
  migrations.cleanup();
  await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await client.end();
}
