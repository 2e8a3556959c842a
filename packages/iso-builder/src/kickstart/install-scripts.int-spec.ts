import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minimalOptions, minimalRecord } from './golden-cases.fixture';
import { renderKickstart } from './render-kickstart';
import { runInMountNamespace } from './testing/run-in-mount-namespace';
import { parseWithPythonShlex } from './testing/run-tool';

// The %pre and %post scripts run for real in bash with the real coreutils, awk, ssh-keygen and
// curl. Only what exists solely inside Anaconda is stood in for: the disks lsblk/findmnt report,
// the chroot into /mnt/sysimage (ssh-keygen -f gives the same alternate root), and the
// /tmp and /mnt the installer owns (private tmpfs mounts in a mount namespace).

// Not under /tmp: the scripts get a fresh /tmp of their own.
const workDir = mkdtempSync('/var/tmp/bootfleet-ks-');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function executable(name: string, content: string): void {
  writeFileSync(join(workDir, name), content);
  chmodSync(join(workDir, name), 0o755);
}

function sectionBody(kickstart: string, headerStart: string): string {
  const section = parseWithPythonShlex(kickstart).sections.find((s) => s.header.join(' ').startsWith(headerStart));
  if (section === undefined) throw new Error(`no ${headerStart} section`);
  return section.body;
}

describe('smallest-disk %pre', () => {
  const script = join(workDir, 'pre.sh');
  writeFileSync(script, sectionBody(renderKickstart({ ...minimalRecord, disk: { by: 'smallest' } }, minimalOptions), '%pre'));
  executable('lsblk', '#!/bin/sh\ncase " $* " in *" -dbnpo "*) cat "$FAKE/disks" ;; *" -npo PKNAME "*) cat "$FAKE/pkname" 2>/dev/null ;; *) exit 64 ;; esac\n');
  executable('findmnt', '#!/bin/sh\n[ -f "$FAKE/media" ] && cat "$FAKE/media"\n');

  async function choose(disks: string, media?: { source: string; parent: string }): Promise<{ status: number | null; include: string; stderr: string }> {
    const fake = mkdtempSync(join(workDir, 'disks-'));
    writeFileSync(join(fake, 'disks'), disks);
    if (media !== undefined) {
      writeFileSync(join(fake, 'media'), `${media.source}\n`);
      writeFileSync(join(fake, 'pkname'), media.parent === '' ? '\n' : `${media.parent}\n`);
    }
    const run = await runInMountNamespace(
      `mount -t tmpfs tmpfs /tmp && PATH="${workDir}:$PATH" bash "${script}"; status=$?; cat /tmp/bootfleet-disk.ks 2>/dev/null; exit $status`,
      { FAKE: fake },
    );
    return { status: run.status, include: run.stdout, stderr: run.stderr };
  }

  const include = (disk: string): string => `ignoredisk --only-use=${disk}\nclearpart --all --initlabel --disklabel=gpt --drives=${disk}\n`;

  it('picks the smallest fixed disk, skipping removable, rom, zram and loop devices', async () => {
    const result = await choose(
      [
        '/dev/sda 500107862016 disk 0',
        '/dev/sdb 120034123776 disk 0',
        '/dev/sdc 16008609792 disk 1',
        '/dev/sr0 1073741312 rom 1',
        '/dev/zram0 8589934592 disk 0',
        '/dev/loop0 104857600 loop 0',
        '/dev/nvme0n1 256060514304 disk 0',
      ].join('\n') + '\n',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.include).toBe(include('/dev/sdb'));
    expect(parseWithPythonShlex(result.include).commands).toEqual([
      ['ignoredisk', '--only-use=/dev/sdb'],
      ['clearpart', '--all', '--initlabel', '--disklabel=gpt', '--drives=/dev/sdb'],
    ]);
  });

  it('never picks the disk the installer booted from, partitioned or not', async () => {
    const disks = '/dev/sda 500107862016 disk 0\n/dev/sdd 8004304896 disk 0\n';
    expect((await choose(disks, { source: '/dev/sdd1', parent: '/dev/sdd' })).include).toBe(include('/dev/sda'));
    expect((await choose(disks, { source: '/dev/sdd', parent: '' })).include).toBe(include('/dev/sda'));
    expect((await choose(disks)).include).toBe(include('/dev/sdd'));
  });

  it('fails the installation when no disk qualifies', async () => {
    const result = await choose('/dev/sr0 1073741312 rom 1\n');
    expect(result.status).not.toBe(0);
    expect(result.include).toBe('');
    expect(result.stderr).toContain('no usable disk');
  });

  it('refuses a device name that could smuggle kickstart syntax', async () => {
    const result = await choose('/dev/sd"x 1000 disk 0\n/dev/sda 500107862016 disk 0\n');
    expect(result.status).not.toBe(0);
    expect(result.include).toBe('');
  });
});

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  path: string;
}

async function withServer(status: number, run: (url: string) => Promise<void>): Promise<Received[]> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, headers: request.headers, path: request.url ?? '' });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/enrol?site=lab&x=[1]`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return received;
}

describe('call-home %post --nochroot', () => {
  executable('chroot', '#!/bin/sh\nroot=$1; shift\n[ "$1 $2" = "ssh-keygen -A" ] && exec ssh-keygen -A -f "$root"\n[ "$1 $2" = "ssh-keygen -lf" ] && exec ssh-keygen -lf "$root$3"\nexit 99\n');
  const token = 'otp_0123456789abcdef';

  async function callHome(url: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const kickstart = renderKickstart({ ...minimalRecord, hostname: 'new-host.example.com' }, { ...minimalOptions, callHome: { url, token } });
    const script = join(workDir, 'call-home.sh');
    writeFileSync(script, sectionBody(kickstart, '%post --nochroot'));
    return runInMountNamespace(`mount -t tmpfs tmpfs /mnt && mkdir -p /mnt/sysimage/etc/ssh && PATH="${workDir}:$PATH" bash "${script}"`);
  }

  it('generates the host keys and reports them, the host name and the addresses with the token', async () => {
    let run = { status: null as number | null, stdout: '', stderr: '' };
    const received = await withServer(201, async (url) => {
      run = await callHome(url);
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('enrolled');
    expect(received).toHaveLength(1);
    const request = received[0];
    if (request === undefined) throw new Error('no request');
    expect(request.path).toBe('/api/enrol?site=lab&x=[1]');
    expect(request.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(request.body) as { token: string; hostname: string; hostKeys: Array<{ publicKey: string; fingerprint: string }>; addresses: string[] };
    expect(payload.token).toBe(token);
    expect(payload.hostname).toBe('new-host.example.com');
    expect(payload.hostKeys.map((key) => key.publicKey.split(' ')[0]).sort()).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519', 'ssh-rsa']);
    for (const key of payload.hostKeys) {
      const blob = Buffer.from(key.publicKey.split(' ')[1] ?? '', 'base64');
      expect(key.fingerprint).toBe(`SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`);
    }
    const expectedAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && !info.internal && !info.address.startsWith('fe80:'))
      .map((info) => info?.cidr);
    expect(payload.addresses.sort()).toEqual(expectedAddresses.sort());
  });

  it('lets the installation go on when the server refuses', async () => {
    let run = { status: null as number | null, stdout: '', stderr: '' };
    const received = await withServer(404, async (url) => {
      run = await callHome(url);
    });
    expect(received).toHaveLength(1);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('call home failed');
  });
});
