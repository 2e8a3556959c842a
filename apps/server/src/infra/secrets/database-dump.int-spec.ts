import type { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestServer } from '../../testing/test-app';
import type { TestDatabase } from '../../testing/test-database';
import { SealedFieldRepository } from './sealed-field.repository';
import { sealedFields } from './sealed-fields';
import { SecretBox } from './secret-box.service';
import { SecretStore } from './secret-store.service';

/**
 * Everything secret that passes through the API or the services, dumped with pg_dump the way a
 * backup (or a thief) would see it: none of the plaintexts may appear. Extend `plaintexts` as new
 * kinds of secrets appear.
 */
describe('a dump of the database', () => {
  let t: TestServer;
  let db: TestDatabase;
  let app: INestApplication;
  const masterKey = Buffer.alloc(32, 0x5a).toString('base64');
  const plaintexts: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ env: { BOOTFLEET_SECRET_KEY: masterKey }, initialAdmin: false });
    ({ db, app } = t);
    plaintexts.masterKey = masterKey;

    const admin = t.client();
    plaintexts.adminPassword = 'dump-test-admin-password-Zq9';
    expect((await admin.post('/api/auth/setup', { username: 'dumper', password: plaintexts.adminPassword })).status).toBe(200);
    plaintexts.sessionCookie = admin.cookie('bootfleet_session')!;
    plaintexts.userPassword = 'dump-test-viewer-password-Xk4';
    expect((await admin.post('/api/users', { username: 'dump-viewer', password: plaintexts.userPassword, role: 'viewer' })).status).toBe(201);
    const token = await admin.post('/api/tokens', { name: 'dump token', role: 'operator' });
    plaintexts.apiToken = (token.body as { token: string }).token;
    // The secret half alone must not be findable either.
    plaintexts.apiTokenSecret = plaintexts.apiToken.split('_').slice(2).join('_');
    plaintexts.newPassword = 'dump-test-changed-password-Wr7';
    expect((await admin.request('PUT', '/api/auth/password', { currentPassword: plaintexts.adminPassword, newPassword: plaintexts.newPassword })).status).toBe(204);

    plaintexts.registryPassword = 'dump-test-registry-password-Pm2';
    const registry = await admin.post('/api/registries', {
      name: 'dump-registry',
      url: 'http://127.0.0.1:1',
      credentials: { kind: 'basic', username: 'robot', password: plaintexts.registryPassword },
    });
    expect(registry.status, registry.text).toBe(201);
    plaintexts.registryToken = 'dump-test-registry-token-Lb8';
    expect((await admin.post('/api/registries', { name: 'dump-registry-2', url: 'http://127.0.0.1:2', credentials: { kind: 'token', token: plaintexts.registryToken } })).status).toBe(201);

    plaintexts.storedSecret = '-----BEGIN OPENSSH PRIVATE KEY----- dump-test-fleet-key-Hh3';
    await app.get(SecretStore).put('dump-test-key', plaintexts.storedSecret);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('contains no plaintext secret', () => {
    const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', db.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(dump.error, 'pg_dump (Debian package postgresql-client) must be installed').toBeUndefined();
    expect(dump.status, dump.stderr).toBe(0);
    // The dump is real: it has the rows whose secrets we look for.
    expect(dump.stdout).toContain('dump-registry');
    expect(dump.stdout).toContain('dump-viewer');
    expect(dump.stdout).toMatch(/v1:[0-9a-f]{16}:/);
    const found = Object.entries(plaintexts).filter(([, value]) => dump.stdout.includes(value)).map(([name]) => name);
    expect(found).toEqual([]);
  });

  it('holds every registered sealed column only sealed, whoever added it', async () => {
    const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', db.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(dump.status, dump.stderr).toBe(0);
    const box = app.get(SecretBox);
    const values = await app.get(SealedFieldRepository).readAll(sealedFields());
    expect(values.map((v) => v.field)).toEqual(expect.arrayContaining(['registry.sealedSecret', 'storedSecret.sealed']));
    const exposed = values
      .map((v) => ({ ...v, plaintext: box.open(v.sealed, v.context) }))
      // Very short plaintexts (a one-character passphrase) would match by chance anywhere.
      .filter((v) => v.plaintext.length >= 8 && dump.stdout.includes(v.plaintext))
      .map((v) => `${v.field} ${v.id}`);
    expect(exposed).toEqual([]);
  });
});
