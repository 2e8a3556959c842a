import { describe, expect, it } from 'vitest';
import { goldenCases } from './golden-cases.fixture';
import type { HostInstallRecordInput } from './host-install-record.schema';
import { KickstartError } from './kickstart-error';
import type { KickstartOptions } from './kickstart-options.schema';
import { renderKickstart } from './render-kickstart';

// Hostile values for every user-supplied field: each must be refused with KickstartError or end
// up inert (same kickstart lines and sections as a harmless value would give).
const CORPUS: string[] = [
  'x; reboot',
  'x | sh',
  'x && rm -rf /',
  'x & disown',
  '$(reboot)',
  '`reboot`',
  '${IFS}reboot',
  'x\nreboot',
  'x\r\n%end',
  '\n%post\nreboot\n%end\n',
  '%end',
  '%post --nochroot',
  '%include /dev/sda',
  '"quoted"',
  "'single'",
  'back\\slash',
  'x # comment',
  '--bootproto=dhcp',
  ' leading blank',
  'ünïcødé',
  'right\u202eleft',
  'line\u2028separator',
  'nul\u0000byte',
  'tab\there',
  'a'.repeat(100_000),
  '../../etc/shadow',
  '/dev/../etc/shadow',
  '/dev/sda/../../etc/passwd',
  '/dev//sda',
  '/dev/./sda',
  'BOOTFLEET_EOF',
];

const base = goldenCases[1];
if (base === undefined) throw new Error('golden fixture missing');
const baseRecord: HostInstallRecordInput = base.record;
const baseOptions: KickstartOptions = {
  ...base.options,
  callHome: { url: 'https://fleet.example.com/api/enrol', token: 'tok_0123456789abcdef' },
};

type Path = Array<string | number>;

function withValue<T>(root: T, path: Path, value: string): T {
  // Through JSON: drops the passwordSalt function so hashes get random salts.
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy as T;
}

const RECORD_FIELDS: Path[] = [
  ['hostname'],
  ['network', 'interface'],
  ['network', 'address'],
  ['network', 'gateway'],
  ['network', 'dns', 0],
  ['disk', 'value'],
  ['users', 0, 'name'],
  ['users', 0, 'password', 'plain'],
  ['users', 1, 'password', 'hash'],
  ['users', 0, 'sshKeys', 0],
  ['users', 0, 'groups', 0],
  ['timezone'],
  ['locale'],
  ['keyboard'],
];
const OPTION_FIELDS: Path[] = [
  ['image'],
  ['fleetPublicKey'],
  ['registryAuth', 'registry'],
  ['registryAuth', 'username'],
  ['registryAuth', 'password'],
  ['insecureRegistries', 0],
  ['callHome', 'url'],
  ['callHome', 'token'],
];

/** The kickstart's structure: its lines outside here-documents (whose bodies vary in length with
 * base64 content), of which section headers are compared in full. */
function shape(kickstart: string): { lineCount: number; sections: string[] } {
  const outside: string[] = [];
  let inHeredoc = false;
  for (const line of kickstart.split('\n')) {
    if (inHeredoc) inHeredoc = line !== 'BOOTFLEET_EOF';
    else {
      outside.push(line);
      inHeredoc = line.endsWith("<<'BOOTFLEET_EOF'");
    }
  }
  return { lineCount: outside.length, sections: outside.filter((line) => line.startsWith('%')) };
}

function expectRefusedOrInert(render: () => string, reference: string): void {
  let kickstart: string;
  try {
    kickstart = render();
  } catch (error) {
    expect(error).toBeInstanceOf(KickstartError);
    return;
  }
  expect(shape(kickstart)).toEqual(shape(reference));
  expect(/[\u2028\u2029\r]/.test(kickstart) || kickstart.includes('\u0000')).toBe(false);
}

describe('injection corpus', () => {
  const reference = renderKickstart(baseRecord, baseOptions);
  const diskById: HostInstallRecordInput = { ...baseRecord, disk: { by: 'id', value: 'wwn-0x5000c500a1b2c3d4' } };
  const referenceById = renderKickstart(diskById, baseOptions);

  for (const field of RECORD_FIELDS) {
    it(`refuses or neutralises hostile host record ${field.join('.')}`, () => {
      for (const value of CORPUS) expectRefusedOrInert(() => renderKickstart(withValue(baseRecord, field, value), baseOptions), reference);
    });
  }

  it('refuses or neutralises hostile disk ids', () => {
    for (const value of CORPUS) expectRefusedOrInert(() => renderKickstart(withValue(diskById, ['disk', 'value'], value), baseOptions), referenceById);
  });

  for (const field of OPTION_FIELDS) {
    it(`refuses or neutralises hostile option ${field.join('.')}`, () => {
      for (const value of CORPUS) expectRefusedOrInert(() => renderKickstart(baseRecord, withValue(baseOptions, field, value)), reference);
    });
  }

  it('accepts hostile plain passwords but only ever prints their hash', () => {
    for (const value of CORPUS.filter((v) => v.length <= 1024)) {
      const kickstart = renderKickstart(withValue(baseRecord, ['users', 0, 'password', 'plain'], value), baseOptions);
      expect(kickstart).toMatch(/^user --name=alice --groups=wheel,adm --iscrypted --password=\$6\$[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{86}$/m);
      expect(shape(kickstart)).toEqual(shape(reference));
    }
  });

  it('writes hostile registry passwords only as base64', () => {
    const password = `x' %end $(touch /pwned) \`id\` "q"`;
    const kickstart = renderKickstart(baseRecord, withValue(baseOptions, ['registryAuth', 'password'], password));
    expect(kickstart).not.toContain('pwned');
    const body = /base64 -d > '\/etc\/ostree\/auth.json' <<'BOOTFLEET_EOF'\n([A-Za-z0-9+/=\n]+?)\nBOOTFLEET_EOF/.exec(kickstart)?.[1] ?? '';
    const authJson = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { auths: Record<string, { auth: string }> };
    const auth = authJson.auths['registry.example.com:5000']?.auth ?? '';
    expect(Buffer.from(auth, 'base64').toString('utf8')).toBe(`robot$fleet:${password}`);
    expect(shape(kickstart)).toEqual(shape(reference));
  });
});
