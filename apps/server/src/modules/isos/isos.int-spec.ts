import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateEd25519, publicKeyFingerprint } from '@bootfleet/agent';
import { RegistryImageFetcher, resolveImage, type SimNode, startSimNode } from '@bootfleet/host-sim';
import { padKickstart, unpadKickstart } from '@bootfleet/iso-builder';
import { checkIsoMd5, extractIsoFile, referenceHostIso, syntheticBaseIso } from '@bootfleet/iso-builder/testing';
import { pushTestImage, startRegistry, type TestRegistry } from '@bootfleet/oci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { signDownloadLink } from './download-link';
import { BaseIsosService } from './base-isos.service';
import { DownloadLinkKey } from './download-link-key';
import { IsosRepository } from './isos.repository';
import { until } from '../../testing/until';

// Base ISO upload/registration, template build job, per-host downloads and the installer's
// call-home through the real HTTP API: real xorriso/mtools/implantisomd5, a real registry,
// PostgreSQL, and a simulated installed host behind a real SSH server.

const run = promisify(execFile);

interface BaseIso {
  id: string;
  state: string;
  sha256: string;
  size: number;
  external: boolean;
  inspection: { layout: string; volumeLabel: string } | null;
}
interface Template {
  id: string;
  state: string;
  size: number;
  pinnedRef: string | null;
  slot: { offset: number; bytes: number } | null;
  jobId: string;
  error: { code: string } | null;
}
interface Link {
  hostId: string;
  url: string;
  expiresAt: string;
  bytes: number;
}
interface ErrorBody {
  code: string;
  message: string;
}

// Template builds remaster a whole ISO: generous under a loaded CI machine.
const BUILD_TIMEOUT_MS = 90_000;

const record = (hostname: string, extra: object = {}) => ({
  hostname,
  network: { mode: 'dhcp' },
  disk: { by: 'smallest' },
  partitioning: 'autopart',
  users: [{ name: 'ops', password: { plain: 'install-time secret' } }],
  timezone: 'UTC',
  locale: 'en_US.UTF-8',
  keyboard: 'us',
  ...extra,
});

describe('install ISOs', () => {
  let registry: TestRegistry;
  let t: TestApp;
  let dataDir: string;
  let scratch: string;
  let baseIsoPath: string;
  let token: string;
  let imageId: string;
  let base: BaseIso;
  let template: Template;
  let links: Link[];
  let node: SimNode | undefined;
  const installedKey = generateEd25519('installed-host');

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${t.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  const upload = (name: string, body: Buffer) =>
    api(`/api/isos/base?name=${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
  const files = async (dir: string) => (existsSync(dir) ? (await readdir(dir)).sort() : []);

  beforeAll(async () => {
    registry = await startRegistry();
    await pushTestImage(registry, { repository: 'fleet/os', tag: 'stable', version: '42.1' });
    dataDir = await mkdtemp(join(tmpdir(), 'bootfleet-isos-data-'));
    scratch = await mkdtemp(join(tmpdir(), 'bootfleet-isos-scratch-'));
    baseIsoPath = await syntheticBaseIso({ layout: 'grub-appended' });
    t = await startTestApp({ env: { BOOTFLEET_DATA_DIR: dataDir, BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: '2000' } });
    token = (await t.admin.post<{ token: string }>('/api/tokens', { name: 'iso test', role: 'admin' })).body.token;
    const reg = await t.admin.post<{ id: string }>('/api/registries', { name: 'local', url: registry.url });
    expect(reg.status).toBe(201);
    const image = await t.admin.post<{ id: string }>('/api/images', { registryId: reg.body.id, repository: 'fleet/os', tag: 'stable' });
    expect(image.status).toBe(201);
    imageId = image.body.id;
  }, 240_000);

  afterAll(async () => {
    await node?.ssh.stop();
    await t?.close();
    await registry?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  describe('base ISOs', () => {
    it('stores an uploaded ISO under the data directory with its sha256 and inspection', async () => {
      const bytes = await readFile(baseIsoPath);
      const res = await upload('Fedora boot.iso', bytes);
      expect(res.status).toBe(201);
      base = (await res.json()) as BaseIso;
      expect(base).toMatchObject({ state: 'ready', size: bytes.length, external: false, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(base.inspection?.layout).toBe('grub-appended');
      expect(await files(join(dataDir, 'isos/base'))).toEqual([`${base.id}.iso`]);
    });

    it('refuses a file that is not an ISO with 422 NOT_AN_ISO and leaves no file or row', async () => {
      const res = await upload('notes.txt', Buffer.alloc(256 * 1024, 'not an iso '));
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).code).toBe('NOT_AN_ISO');
      expect(await files(join(dataDir, 'isos/base'))).toEqual([`${base.id}.iso`]);
      const list = (await t.admin.get<BaseIso[]>('/api/isos/base')).body;
      expect(list.map((b) => b.id)).toEqual([base.id]);
    });

    it('refuses an ISO that cannot boot (no El Torito) with 422 UNSUPPORTED_LAYOUT and no file left', async () => {
      const tree = join(scratch, 'plain');
      await mkdir(tree, { recursive: true });
      await writeFile(join(tree, 'README'), 'just data\n');
      const plain = join(scratch, 'plain.iso');
      await run('xorriso', ['-as', 'mkisofs', '-quiet', '-V', 'DATA', '-o', plain, tree]);
      const res = await upload('data.iso', await readFile(plain));
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).code).toBe('UNSUPPORTED_LAYOUT');
      expect(await files(join(dataDir, 'isos/base'))).toEqual([`${base.id}.iso`]);
    });

    it('refuses an empty upload with 400', async () => {
      const res = await upload('empty.iso', Buffer.alloc(0));
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).code).toBe('EMPTY_UPLOAD');
    });

    it('refuses an upload declared larger than the limit with 413 before storing anything', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${t.baseUrl}/api/isos/base?name=huge`,
          { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(64 * 1024 ** 3) } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', reject);
        // The rest of the body never comes: the answer must come from the declared length alone.
        req.write(Buffer.alloc(64 * 1024));
      });
      expect(status).toBe(413);
      expect(await files(join(dataDir, 'isos/base'))).toEqual([`${base.id}.iso`]);
    });

    it('sweeps away an upload a crash cut off (stale partial file), and leaves a live one alone', async () => {
      const repository = t.app.get(IsosRepository);
      const stale = await repository.createBase({ name: 'cut off', path: join(dataDir, 'isos/base/x.iso'), state: 'uploading' });
      const live = await repository.createBase({ name: 'still arriving', path: join(dataDir, 'isos/base/y.iso'), state: 'uploading' });
      const partial = (id: string) => join(dataDir, 'isos/base', `${id}.iso.partial`);
      await writeFile(partial(stale.id), 'half an iso');
      await writeFile(partial(live.id), 'a quarter');
      const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
      await utimes(partial(stale.id), twoHoursAgo, twoHoursAgo);
      expect(await t.app.get(BaseIsosService).sweepAbandonedUploads(new Date())).toBe(1);
      expect(existsSync(partial(stale.id))).toBe(false);
      expect(existsSync(partial(live.id))).toBe(true);
      expect(await repository.findBase(stale.id)).toBeNull();
      await rm(partial(live.id));
      await repository.deleteBase(live.id);
    });

    it.each([
      ['relative', 'isos/boot.iso', 'PATH_NOT_ABSOLUTE'],
      ['traversal', '/tmp/../etc/passwd', 'PATH_NOT_NORMAL'],
      ['missing', '/nonexistent/boot.iso', 'PATH_NOT_FOUND'],
      ['a directory', '/tmp', 'PATH_NOT_FILE'],
    ])('refuses to register a %s path with 400', async (_what, path, code) => {
      const res = await t.admin.post<ErrorBody>('/api/isos/base/register', { path });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });

    it('registers an ISO on the server in place', async () => {
      const res = await t.admin.post<BaseIso>('/api/isos/base/register', { path: baseIsoPath, name: 'cached base' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ state: 'ready', external: true, size: (await readFile(baseIsoPath)).length });
      expect((await api(`/api/isos/base/${res.body.id}`, { method: 'DELETE' })).status).toBe(204);
      expect(existsSync(baseIsoPath)).toBe(true);
    });
  });

  describe('templates', () => {
    it('refuses a kernel argument that is not one plain token', async () => {
      const res = await t.admin.post<ErrorBody>('/api/isos/templates', { baseId: base.id, imageId, kernelArgs: ['console=ttyS0;reboot'] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_KERNEL_ARG');
    });

    it('builds a template as a job pinned to the image digest', async () => {
      const res = await t.admin.post<Template>('/api/isos/templates', { baseId: base.id, imageId, kernelArgs: ['console=ttyS0'] });
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('queued');
      template = await until('template ready', async () => (await t.admin.get<Template>(`/api/isos/templates/${res.body.id}`)).body, (b) => b.state === 'ready' || b.state === 'failed', BUILD_TIMEOUT_MS);
      expect(template.error).toBeNull();
      expect(template.state).toBe('ready');
      expect(template.pinnedRef).toMatch(new RegExp(`^${registry.host}/fleet/os@sha256:[0-9a-f]{64}$`));
      expect(existsSync(join(dataDir, 'isos/templates', `${template.id}.iso`))).toBe(true);
      // The job is marked done once its handler, which made the template ready, has returned.
      const job = await until('the job done', () => t.admin.get<{ state: string }>(`/api/jobs/${template.jobId}`), (r) => r.body.state !== 'running', 10_000);
      expect(job.body.state).toBe('succeeded');
    });

    it('fails a build whose registry is unreachable with REGISTRY_UNREACHABLE, leaving no file behind', async () => {
      const second = await startRegistry();
      await pushTestImage(second, { repository: 'other/os', tag: 'v1', version: '1.0' });
      const reg = await t.admin.post<{ id: string }>('/api/registries', { name: 'second', url: second.url });
      const image = await t.admin.post<{ id: string }>('/api/images', { registryId: reg.body.id, repository: 'other/os', tag: 'v1' });
      expect(image.status).toBe(201);
      await second.stop();
      const res = await t.admin.post<Template>('/api/isos/templates', { baseId: base.id, imageId: image.body.id });
      expect(res.status).toBe(201);
      const failed = await until('template failed', async () => (await t.admin.get<Template>(`/api/isos/templates/${res.body.id}`)).body, (b) => b.state === 'ready' || b.state === 'failed', BUILD_TIMEOUT_MS);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('REGISTRY_UNREACHABLE');
      const job = await until('the job done', () => t.admin.get<{ state: string }>(`/api/jobs/${failed.jobId}`), (r) => r.body.state !== 'running', 10_000);
      expect(job.body.state).toBe('failed');
      expect(await files(join(dataDir, 'isos/templates'))).toEqual([`${template.id}.iso`, `${template.id}.iso.json`]);
      expect((await api(`/api/isos/templates/${failed.id}`, { method: 'DELETE' })).status).toBe(204);
    });

    it('refuses to delete a base that has templates', async () => {
      const res = await api(`/api/isos/base/${base.id}`, { method: 'DELETE' });
      expect(res.status).toBe(409);
    });
  });

  describe('hosts by ISO and downloads', () => {
    it('refuses invalid host values with 400 and creates no host', async () => {
      const res = await t.admin.post<ErrorBody & { details: { path: string[] } }>('/api/isos/hosts', {
        templateId: template.id,
        hosts: [{ name: 'good', record: record('good.example.com') }, { name: 'bad', record: record('bad host; reboot') }],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_HOST_RECORD');
      expect(res.body.details.path).toEqual(['hosts', '1', 'record', 'hostname']);
      expect((await t.admin.get<{ total: number }>('/api/hosts')).body.total).toBe(0);
    });

    it('refuses a kickstart larger than the slot with 422 KICKSTART_TOO_LARGE and creates no host', async () => {
      const sshKeys = Array.from({ length: 32 }, () => generateEd25519('k'.repeat(200)).publicKey);
      const users = Array.from({ length: 20 }, (_, i) => ({ name: `user${i}`, sshKeys }));
      const res = await t.admin.post<ErrorBody>('/api/isos/hosts', { templateId: template.id, hosts: [{ name: 'huge', record: record('huge.example.com', { users }) }] });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('KICKSTART_TOO_LARGE');
      expect((await t.admin.get<{ total: number }>('/api/hosts')).body.total).toBe(0);
    });

    it('creates pending hosts, each with its own short-lived link', async () => {
      node = await startSimNode({
        name: 'installed',
        address: '127.100.77.1',
        port: 0,
        booted: await resolveImage({ url: registry.url }, `${registry.host}/fleet/os:stable`),
        fetcher: new RegistryImageFetcher([{ url: registry.url }]),
        authorizedKeys: [(await t.admin.get<{ publicKey: string }>('/api/settings/fleet-key')).body.publicKey],
        hostKey: installedKey,
        rebootDelayMs: 50,
      });
      const res = await t.admin.post<Link[]>('/api/isos/hosts', {
        templateId: template.id,
        hosts: [
          { name: 'node-a', sshPort: node.ssh.port, record: record('node-a.example.com') },
          { name: 'node-b', record: record('node-b.example.com') },
        ],
      });
      expect(res.status).toBe(201);
      links = res.body;
      expect(links).toHaveLength(2);
      for (const link of links) {
        expect(link.bytes).toBe(template.size);
        expect(new Date(link.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
        expect((await t.admin.get<{ status: string }>(`/api/hosts/${link.hostId}`)).body.status).toBe('pending');
      }
    });

    it("streams the host's ISO: identical to the slot-replaced template + implantisomd5, and checkisomd5 passes", async () => {
      const res = await fetch(links[0]!.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(template.size));
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      const downloaded = join(scratch, 'node-a.iso');
      await writeFile(downloaded, Buffer.from(await res.arrayBuffer()));
      expect(await checkIsoMd5(downloaded)).toBe(true);

      const kickstart = unpadKickstart(await extractIsoFile(downloaded, '/ks.cfg'));
      expect(kickstart).toContain('--hostname=node-a.example.com');
      expect(kickstart).toContain(template.pinnedRef);
      expect(kickstart).not.toContain('install-time secret');
      expect(kickstart).toContain(`${t.baseUrl}/api/isos/call-home`);

      const reference = join(scratch, 'reference.iso');
      await referenceHostIso(join(dataDir, 'isos/templates', `${template.id}.iso`), template.slot!.offset, padKickstart(kickstart!, template.slot!.bytes), reference);
      expect((await readFile(downloaded)).equals(await readFile(reference))).toBe(true);

      // The same link again gives the same bytes (the kickstart was rendered once).
      const again = await fetch(links[0]!.url, { method: 'GET' });
      expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
      expect(Buffer.from(await again.arrayBuffer()).equals(await readFile(downloaded))).toBe(true);
    });

    it('answers ranges with 206 and Content-Range, past the end with 416, a matching ETag with 304', async () => {
      const whole = await readFile(join(scratch, 'node-a.iso'));
      const size = whole.length;
      const first = await fetch(links[0]!.url, { headers: { range: 'bytes=0-99' } });
      expect(first.status).toBe(206);
      expect(first.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
      expect(Buffer.from(await first.arrayBuffer()).equals(whole.subarray(0, 100))).toBe(true);

      const slotStart = template.slot!.offset - 10;
      const middle = await fetch(links[0]!.url, { headers: { range: `bytes=${slotStart}-${slotStart + 99}` } });
      expect(middle.status).toBe(206);
      expect(Buffer.from(await middle.arrayBuffer()).equals(whole.subarray(slotStart, slotStart + 100))).toBe(true);

      const past = await fetch(links[0]!.url, { headers: { range: `bytes=${size}-` } });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${size}`);

      const etag = first.headers.get('etag')!;
      const cached = await fetch(links[0]!.url, { headers: { 'if-none-match': etag } });
      expect(cached.status).toBe(304);
      const staleRange = await fetch(links[0]!.url, { headers: { range: 'bytes=0-99', 'if-range': '"stale"' } });
      expect(staleRange.status).toBe(200);
      await staleRange.body?.cancel();
    });

    it("gives each host its own ISO; forged, other-host and expired links get 404 and no ISO", async () => {
      const other = await fetch(links[1]!.url);
      expect(other.status).toBe(200);
      const otherIso = join(scratch, 'node-b.iso');
      await writeFile(otherIso, Buffer.from(await other.arrayBuffer()));
      expect(unpadKickstart(await extractIsoFile(otherIso, '/ks.cfg'))).toContain('--hostname=node-b.example.com');

      const tokenA = links[0]!.url.split('/').pop()!;
      const tokenB = links[1]!.url.split('/').pop()!;
      // A's payload with B's signature: the signature binds the install, so it is not accepted.
      const spliced = `${tokenA.split('.')[0]}.${tokenB.split('.')[1]}`;
      for (const bad of [spliced, `${tokenA}x`, 'nonsense']) {
        const res = await fetch(`${t.baseUrl}/api/isos/download/${bad}`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as ErrorBody).code).toBe('DOWNLOAD_LINK_INVALID');
      }
      const installId = JSON.parse(Buffer.from(tokenA.split('.')[0]!, 'base64url').toString()).i as string;
      const expired = signDownloadLink(await t.app.get(DownloadLinkKey).get(), { installId, expiresAt: new Date(Date.now() - 1000) });
      const res = await fetch(`${t.baseUrl}/api/isos/download/${expired}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).code).toBe('DOWNLOAD_LINK_EXPIRED');
    });
  });

  describe('a new ISO for a known host', () => {
    it('replaces the host\'s previous install: the new link works, the old one no longer does', async () => {
      const res = await t.admin.post<Link>(`/api/hosts/${links[1]!.hostId}/install-iso`, { templateId: template.id, record: record('node-b2.example.com') });
      expect(res.status).toBe(201);
      const head = await fetch(res.body.url, { headers: { range: 'bytes=0-0' } });
      expect(head.status).toBe(206);
      await head.body?.cancel();
      const old = await fetch(links[1]!.url);
      expect(old.status).toBe(404);
      await old.body?.cancel();
    });

    it('refuses invalid host values with 400 naming the field', async () => {
      const res = await t.admin.post<ErrorBody & { details: { path: string[] } }>(`/api/hosts/${links[1]!.hostId}/install-iso`, {
        templateId: template.id,
        record: record('node-b.example.com', { disk: { by: 'path', value: '/dev/../etc/passwd' } }),
      });
      expect(res.status).toBe(400);
      expect(res.body.details.path.slice(0, 2)).toEqual(['record', 'disk']);
    });
  });

  describe('call home', () => {
    const report = () => ({
      hostname: 'node-a.example.com',
      hostKeys: [{ publicKey: installedKey.publicKey.split(' ').slice(0, 2).join(' '), fingerprint: publicKeyFingerprint(installedKey.publicKey) }],
      addresses: ['127.100.77.1/8', 'fe80::1/64'],
    });
    const callHome = (body: object) => fetch(`${t.baseUrl}/api/isos/call-home`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it('refuses a wrong token with 401 and changes nothing', async () => {
      const res = await callHome({ token: 'a'.repeat(43), ...report() });
      expect(res.status).toBe(401);
      expect((await t.admin.get<{ status: string; hostKeyFingerprint: string | null }>(`/api/hosts/${links[0]!.hostId}`)).body.status).toBe('pending');
    });

    it('pins the reported key, then enrolls the installed host over SSH with the fleet key; the token works once', async () => {
      const kickstart = unpadKickstart(await extractIsoFile(join(scratch, 'node-a.iso'), '/ks.cfg'))!;
      const callHomeToken = /"token":%s.*? '"([A-Za-z0-9_-]+)"'/.exec(kickstart)?.[1];
      expect(callHomeToken).toBeTruthy();
      const res = await callHome({ token: callHomeToken, ...report() });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ hostId: links[0]!.hostId, pinnedFingerprint: node!.ssh.hostKeyFingerprint, address: '127.100.77.1' });

      const host = await until(
        'host enrolled',
        async () => (await t.admin.get<{ status: string; booted: { version: string } | null; timerState: string }>(`/api/hosts/${links[0]!.hostId}`)).body,
        (h) => h.status === 'online' && h.booted !== null,
        30_000,
      );
      expect(host.booted?.version).toBe('42.1');
      expect(host.timerState).toBe('masked');
      expect(node!.host.records.some((r) => r.user === 'root' && r.line.includes('bootc status'))).toBe(true);

      const reused = await callHome({ token: callHomeToken, ...report() });
      expect(reused.status).toBe(401);
    });

    it('refuses a new ISO for a host whose key changed (409 HOST_KEY_CHANGED)', async () => {
      // A reinstall by other means: a new key, and the reboot drops the connection bootfleet holds open.
      node!.ssh.rotateHostKey();
      node!.host.goDown('reboot');
      await until('host back up', async () => node!.host.powerState, (p) => p === 'up', 10_000);
      expect((await t.admin.post(`/api/hosts/${links[0]!.hostId}/refresh`)).status).toBeLessThan(300);
      await until(
        'key change noticed',
        async () => (await t.admin.get<{ presentedFingerprint: string | null }>(`/api/hosts/${links[0]!.hostId}`)).body,
        (h) => h.presentedFingerprint !== null,
        30_000,
      );
      const res = await t.admin.post<ErrorBody>(`/api/hosts/${links[0]!.hostId}/install-iso`, { templateId: template.id, record: record('node-a.example.com') });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('HOST_KEY_CHANGED');
    });
  });
});
