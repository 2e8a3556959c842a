import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { testConfig } from '../../testing/test-config';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { PrismaModule } from '../prisma/prisma.module';
import { rotateMasterKey } from './master-key-rotation';
import { SecretBox } from './secret-box.service';
import { SecretStore } from './secret-store.service';
import { SecretsModule } from './secrets.module';

async function secretsContext(config: AppConfig, url: string): Promise<INestApplicationContext> {
  const { Module } = await import('@nestjs/common');
  @Module({ imports: [ConfigModule.forRoot(config), PrismaModule.forRoot(url), SecretsModule] })
  class Harness {}
  return NestFactory.createApplicationContext(Harness, { logger: false });
}

async function sealedColumn(url: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ sealed: string }>('SELECT sealed FROM secrets WHERE name = $1', [name])).rows[0]!.sealed;
  } finally {
    await c.end();
  }
}

describe('secrets at rest', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('generates a 0600 key file on first start and reuses it', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bootfleet-keyfile-'));
    const config = testConfig({ BOOTFLEET_DATA_DIR: dataDir, BOOTFLEET_SECRET_KEY: '' });
    const first = await secretsContext(config, db.url);
    const id = first.get(SecretBox).currentKeyId();
    const sealed = first.get(SecretBox).seal('x', 'c');
    await first.close();
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    const second = await secretsContext(config, db.url);
    expect(second.get(SecretBox).currentKeyId()).toBe(id);
    expect(second.get(SecretBox).open(sealed, 'c')).toBe('x');
    await second.close();
  });

  it('refuses a key file that others can read', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bootfleet-keyfile-'));
    await writeFile(path.join(dataDir, 'master.key'), randomBytes(32).toString('base64'), { mode: 0o644 });
    await expect(secretsContext(testConfig({ BOOTFLEET_DATA_DIR: dataDir, BOOTFLEET_SECRET_KEY: '' }), db.url)).rejects.toThrow(/readable by others/);
  });

  it('stores named secrets sealed and rotates them to a new key file', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bootfleet-rotate-'));
    const config = testConfig({ BOOTFLEET_DATA_DIR: dataDir, BOOTFLEET_SECRET_KEY: '' });
    const before = await secretsContext(config, db.url);
    await before.get(SecretStore).put('fleet-ssh-key', '-----BEGIN OPENSSH PRIVATE KEY----- rotate-me');
    const oldKeyId = before.get(SecretBox).currentKeyId();
    await before.close();
    const oldKeyFile = await readFile(path.join(dataDir, 'master.key'), 'utf8');
    expect(await sealedColumn(db.url, 'fleet-ssh-key')).toContain(`v1:${oldKeyId}:`);

    const result = await rotateMasterKey(config, db.url);
    expect(result.fromKeyId).toBe(oldKeyId);
    expect(result.resealed['storedSecret.sealed']).toBeGreaterThanOrEqual(1);
    expect(await readFile(path.join(dataDir, 'master.key'), 'utf8')).not.toBe(oldKeyFile);
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    expect(await sealedColumn(db.url, 'fleet-ssh-key')).toContain(`v1:${result.toKeyId}:`);

    const after = await secretsContext(config, db.url);
    expect(after.get(SecretBox).currentKeyId()).toBe(result.toKeyId);
    expect(await after.get(SecretStore).get('fleet-ssh-key')).toBe('-----BEGIN OPENSSH PRIVATE KEY----- rotate-me');
    await after.close();

    // The old key alone no longer opens the data.
    const stale = await secretsContext(testConfig({ BOOTFLEET_SECRET_KEY: oldKeyFile.trim() }), db.url);
    await expect(stale.get(SecretStore).get('fleet-ssh-key')).rejects.toThrow(/does not have/);
    await stale.close();
  });

  it('rotates from one environment key to another, all or nothing', async () => {
    // A database of its own: the one above holds values under other keys.
    const own = await createTestDatabase();
    const url = own.url;
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const withOld = await secretsContext(testConfig({ BOOTFLEET_SECRET_KEY: oldKey }), url);
    await withOld.get(SecretStore).put('registry-token', 'glpat-env-rotation');
    await withOld.close();
    const sealedBefore = await sealedColumn(url, 'registry-token');

    await expect(rotateMasterKey(testConfig({ BOOTFLEET_SECRET_KEY: oldKey }), url)).rejects.toThrow(/BOOTFLEET_NEW_SECRET_KEY/);
    // A value this key cannot open stops the rotation before anything changes.
    const stranger = await secretsContext(testConfig(), url);
    await stranger.get(SecretStore).put('foreign', 'sealed under an unknown key');
    await stranger.close();
    await expect(rotateMasterKey(testConfig({ BOOTFLEET_SECRET_KEY: oldKey, BOOTFLEET_NEW_SECRET_KEY: newKey }), url)).rejects.toThrow(/does not have/);
    expect(await sealedColumn(url, 'registry-token')).toBe(sealedBefore);
    const cleanup = await secretsContext(testConfig({ BOOTFLEET_SECRET_KEY: oldKey }), url);
    await cleanup.get(SecretStore).delete('foreign');
    await cleanup.close();

    const result = await rotateMasterKey(testConfig({ BOOTFLEET_SECRET_KEY: oldKey, BOOTFLEET_NEW_SECRET_KEY: newKey }), url);
    expect(result.newKeyLocation).toBe('environment');
    expect(result.resealed['storedSecret.sealed']).toBe(1);

    const withNew = await secretsContext(testConfig({ BOOTFLEET_SECRET_KEY: newKey }), url);
    expect(await withNew.get(SecretStore).get('registry-token')).toBe('glpat-env-rotation');
    await withNew.close();
    await own.drop();
  });
});
