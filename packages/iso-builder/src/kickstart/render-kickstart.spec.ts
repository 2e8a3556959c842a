import { describe, expect, it } from 'vitest';
import { goldenCases, minimalOptions, minimalRecord } from './golden-cases.fixture';
import { renderKickstart } from './render-kickstart';

function sectionHeaders(kickstart: string): string[] {
  return kickstart.split('\n').filter((line) => /^%(pre|post|packages|traceback|onerror|pre-install)\b/.test(line));
}

describe('renderKickstart golden files', () => {
  for (const golden of goldenCases) {
    it(`renders ${golden.name} exactly as __golden__/${golden.name}.ks`, async () => {
      const kickstart = renderKickstart(golden.record, golden.options);
      await expect(kickstart).toMatchFileSnapshot(`./__golden__/${golden.name}.ks`);
    });

    it(`renders ${golden.name} with exactly the expected sections, each closed by %end`, () => {
      const kickstart = renderKickstart(golden.record, golden.options);
      expect(sectionHeaders(kickstart)).toEqual(golden.sections);
      expect(kickstart.split('\n').filter((line) => line === '%end')).toHaveLength(golden.sections.length);
      expect(kickstart).not.toMatch(/^%packages/m);
    });
  }
});

describe('renderKickstart content', () => {
  it('installs the digest-pinned image from the registry when online', () => {
    const kickstart = renderKickstart(minimalRecord, minimalOptions);
    expect(kickstart).toContain(`\nostreecontainer --url=${minimalOptions.image} --transport=registry\n`);
    expect(kickstart).not.toContain('bootc switch');
  });

  it('installs from the ISO and switches to the registry when offline', () => {
    const kickstart = renderKickstart(minimalRecord, { ...minimalOptions, offline: true });
    expect(kickstart).toContain('\nostreecontainer --url=/run/install/repo/container --transport=oci\n');
    expect(kickstart).toContain(`\nbootc switch --mutate-in-place --transport registry '${minimalOptions.image}'\n`);
  });

  it('locks root, authorises the fleet key for root and masks automatic updates', () => {
    const kickstart = renderKickstart(minimalRecord, minimalOptions);
    expect(kickstart).toContain('\nrootpw --lock\n');
    expect(kickstart).toContain(`\nsshkey --username=root "${minimalOptions.fleetPublicKey}"\n`);
    expect(kickstart).toContain('\nsystemctl mask bootc-fetch-apply-updates.timer\n');
    expect(kickstart.trimEnd().split('\n')).toContain('reboot --eject');
  });

  it('hashes plain passwords with a fresh salt unless one is given', () => {
    const record = { ...minimalRecord, users: [{ name: 'alice', password: { plain: 'pw' } }] };
    const first = renderKickstart(record, minimalOptions);
    const second = renderKickstart(record, minimalOptions);
    expect(first).toMatch(/^user --name=alice --iscrypted --password=\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/m);
    expect(first).not.toEqual(second);
    expect(first).not.toContain('pw\n');
  });

  it('renders the same text for the same input', () => {
    const golden = goldenCases[1];
    if (golden === undefined) throw new Error('fixture missing');
    expect(renderKickstart(golden.record, golden.options)).toEqual(renderKickstart(golden.record, golden.options));
  });

  it('converts the static prefix into a netmask and keeps the chosen interface', () => {
    const kickstart = renderKickstart(
      { ...minimalRecord, network: { mode: 'static', interface: 'eth1', address: '10.0.5.9', prefix: 20, gateway: '10.0.0.1', dns: ['1.1.1.1'] } },
      minimalOptions,
    );
    expect(kickstart).toContain(
      '\nnetwork --bootproto=static --device=eth1 --ip=10.0.5.9 --netmask=255.255.240.0 --gateway=10.0.0.1 --nameserver=1.1.1.1 --hostname=edge-01.example.com --activate --onboot=on\n',
    );
  });
});
