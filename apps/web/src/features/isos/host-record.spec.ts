import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, formatBytes, hostRecord, parseHostLines } from './host-record';

describe('hostRecord', () => {
  it('builds HOST.json with the smallest disk and no user by default', () => {
    expect(hostRecord(' Node-1.Example.com ', DEFAULT_SETTINGS)).toEqual({
      hostname: 'node-1.example.com',
      network: { mode: 'dhcp' },
      disk: { by: 'smallest' },
      partitioning: 'autopart',
      users: [],
      timezone: 'UTC',
      locale: 'en_US.UTF-8',
      keyboard: 'us',
    });
  });

  it('adds a named user with one key per line and a chosen disk path', () => {
    const record = hostRecord('n1', { ...DEFAULT_SETTINGS, disk: '/dev/vda', userName: 'ops', sshKey: 'ssh-ed25519 AAAA a\n\n ssh-ed25519 BBBB b \n' });
    expect(record.disk).toEqual({ by: 'path', value: '/dev/vda' });
    expect(record.users).toEqual([{ name: 'ops', sshKeys: ['ssh-ed25519 AAAA a', 'ssh-ed25519 BBBB b'], groups: ['wheel'] }]);
  });
});

describe('parseHostLines', () => {
  it('reads name and optional hostname per line, skipping blanks and comments', () => {
    expect(parseHostLines('edge-1\n# comment\n\n edge-2  edge-2.example.com \n')).toEqual([
      { name: 'edge-1', hostname: 'edge-1' },
      { name: 'edge-2', hostname: 'edge-2.example.com' },
    ]);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [19_535_872, '19.5 MB'],
    [1_068_498_944, '1.1 GB'],
  ])('%d -> %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
