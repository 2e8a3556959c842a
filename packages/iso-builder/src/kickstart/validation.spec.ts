import { describe, expect, it } from 'vitest';
import { ALICE_KEY, minimalOptions, minimalRecord } from './golden-cases.fixture';
import type { HostInstallRecordInput } from './host-install-record.schema';
import { KickstartError } from './kickstart-error';
import type { KickstartOptions } from './kickstart-options.schema';
import { renderKickstart } from './render-kickstart';

function failure(record: unknown, options: unknown = minimalOptions): KickstartError {
  try {
    renderKickstart(record as HostInstallRecordInput, options as KickstartOptions);
  } catch (error) {
    if (error instanceof KickstartError) return error;
    throw error;
  }
  throw new Error('expected a KickstartError');
}

describe('host record validation', () => {
  it.each([
    [{ hostname: 'Web_01' }, ['hostname'], /RFC 1123/],
    [{ hostname: `${'a'.repeat(64)}.example.com` }, ['hostname'], /RFC 1123/],
    [{ hostname: 'host.123' }, ['hostname'], /all-numeric/],
    [{ network: { mode: 'static', address: '10.0.0.5', prefix: 24, gateway: '10.0.1.1' } }, ['network', 'gateway'], /inside 10\.0\.0\.5\/24/],
    [{ network: { mode: 'static', address: '10.0.0.5', prefix: 33, gateway: '10.0.0.1' } }, ['network', 'prefix'], /1-32/],
    [{ network: { mode: 'static', address: '10.0.0.300', prefix: 24, gateway: '10.0.0.1' } }, ['network', 'address'], /IPv4/],
    [{ network: { mode: 'dhcp', interface: 'eth0/../x' } }, ['network', 'interface'], /interface/],
    [{ network: { mode: 'bridge' } }, ['network', 'mode'], /.+/],
    [{ disk: { by: 'path', value: '/etc/passwd' } }, ['disk', 'value'], /under \/dev\//],
    [{ disk: { by: 'path', value: '/dev/../etc/passwd' } }, ['disk', 'value'], /\.\./],
    [{ disk: { by: 'id', value: 'ata-x/../../sda' } }, ['disk', 'value'], /by-id/],
    [{ partitioning: 'btrfs' }, ['partitioning'], /.+/],
    [{ users: [{ name: 'root' }] }, ['users', 0, 'name'], /reserved/],
    [{ users: [{ name: 'Alice' }] }, ['users', 0, 'name'], /POSIX/],
    [{ users: [{ name: 'a' }, { name: 'a' }] }, ['users'], /unique/],
    [{ users: [{ name: 'a', password: 'plain-string' }] }, ['users', 0, 'password'], /plain.*hash/],
    [{ users: [{ name: 'a', password: { hash: '$1$md5$notsha512' } }] }, ['users', 0, 'password', 'hash'], /SHA-512 crypt/],
    [{ users: [{ name: 'a', sshKeys: ['ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIH5BxZhC6qBY//q8jyZK+2Lp3bM66KBq/Jb33xmCYjml'] }] }, ['users', 0, 'sshKeys', 0], /does not encode a ssh-rsa key/],
    [{ users: [{ name: 'a', sshKeys: [`command="reboot" ${ALICE_KEY}`] }] }, ['users', 0, 'sshKeys', 0], /key type/],
    [{ users: [{ name: 'a', sshKeys: [`${ALICE_KEY} "quoted"`] }] }, ['users', 0, 'sshKeys', 0], /comment/],
    [{ users: [{ name: 'a', groups: ['wheel', 'wheel'] }] }, ['users', 0, 'groups'], /repeat/],
    [{ timezone: 'Mars/Olympus_Mons' }, ['timezone'], /IANA database/],
    [{ timezone: '../etc/localtime' }, ['timezone'], /IANA name/],
    [{ locale: 'en_US.UTF-8; reboot' }, ['locale'], /en_US/],
    [{ keyboard: 'us --xlayouts=x' }, ['keyboard'], /keymap/],
    [{ extra: true }, [], /extra/],
  ])('rejects %j at %j', (change, path, message) => {
    const error = failure({ ...minimalRecord, ...change });
    expect(error.code).toBe('KICKSTART_INVALID');
    expect(error.path).toEqual(path);
    expect(error.message).toMatch(message);
  });

  it('rejects a missing field with its path', () => {
    const { timezone: _omitted, ...record } = minimalRecord;
    expect(failure(record).path).toEqual(['timezone']);
  });
});

describe('option validation', () => {
  const digest = 'a'.repeat(64);
  it.each([
    [{ image: 'quay.io/fedora/fedora-bootc:42' }, ['options', 'image'], /digest-pinned/],
    [{ image: `quay.io/fedora/fedora-bootc@sha256:${'A'.repeat(64)}` }, ['options', 'image'], /digest-pinned/],
    [{ image: `fedora/fedora-bootc@sha256:${digest}` }, ['options', 'image'], /name its registry/],
    [{ image: `quay.io/Fedora/bootc@sha256:${digest}` }, ['options', 'image'], /digest-pinned/],
    [{ fleetPublicKey: 'not a key' }, ['options', 'fleetPublicKey'], /SSH public key/],
    [{ registryAuth: { registry: 'r.example.com', username: 'a:b', password: 'x' } }, ['options', 'registryAuth', 'username'], /without ":"/],
    [{ registryAuth: { registry: 'r.example.com/ns', token: 'x' } }, ['options', 'registryAuth', 'registry'], /host:port/],
    [{ registryAuth: { registry: 'r.example.com', username: 'u', password: 'p', token: 't' } }, ['options', 'registryAuth'], /username, password.*token/],
    [{ insecureRegistries: ['r.example.com', 'r.example.com'] }, ['options', 'insecureRegistries'], /repeat/],
    [{ callHome: { url: 'ftp://fleet.example.com/x', token: 'a'.repeat(16) } }, ['options', 'callHome', 'url'], /http/],
    [{ callHome: { url: 'https://user:pw@fleet.example.com/x', token: 'a'.repeat(16) } }, ['options', 'callHome', 'url'], /credentials/],
    [{ callHome: { url: 'https://fleet.example.com/x', token: 'short' } }, ['options', 'callHome', 'token'], /16-512/],
    [{ offline: 'yes' }, ['options', 'offline'], /.+/],
  ])('rejects %j at %j', (change, path, message) => {
    const error = failure(minimalRecord, { ...minimalOptions, ...change });
    expect(error.path).toEqual(path);
    expect(error.message).toMatch(message);
  });

  it('accepts localhost and IP registries with ports, and a nested repository path', () => {
    for (const image of [`localhost:5000/os@sha256:${digest}`, `127.0.0.1:5000/a/b/c@sha256:${digest}`, `quay.io/fedora/fedora-bootc@sha256:${digest}`]) {
      expect(renderKickstart(minimalRecord, { ...minimalOptions, image })).toContain(`--url=${image}`);
    }
  });
});
