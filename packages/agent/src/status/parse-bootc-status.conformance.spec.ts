import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBootcStatus } from './parse-bootc-status';

// bootc's own unit-test fixtures, shared read-only next to the repository (never copied in).
const FIXTURES = resolve(__dirname, '../../../../../shared/bootc/fixtures');
const present = existsSync(FIXTURES);
if (!present) console.warn(`NOTICE: ${FIXTURES} is absent; skipping the bootc fixture conformance tests`);

const digestPattern = /^sha256:[0-9a-f]{64}$/;
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe.skipIf(!present)('parseBootcStatus conformance with bootc fixtures', () => {
  const files = present ? readdirSync(FIXTURES).sort() : [];

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s parses into the normalised shape', (name) => {
    const s = parseBootcStatus(read(name));
    for (const slot of [s.booted, s.staged, s.rollback, ...s.other]) {
      if (slot === null) continue;
      if (slot.digest !== null) expect(slot.digest).toMatch(digestPattern);
      if (slot.version !== null) expect(typeof slot.version).toBe('string');
      for (const flag of [slot.pinned, slot.downloadOnly, slot.softRebootCapable, slot.incompatible]) {
        expect(typeof flag).toBe('boolean');
      }
    }
    // isBootcHost follows bootc's own rule: the booted deployment came from a container image.
    expect(s.isBootcHost).toBe(s.booted?.image != null);
  });

  it('derives the expected values fixture by fixture', () => {
    const only = parseBootcStatus(read('spec-only-booted.yaml'));
    expect(only.specImage).toBe('quay.io/centos-bootc/centos-bootc:stream9');
    expect(only.booted?.version).toBe('stream9.20240807.0');
    expect(only.booted?.architecture).toBe('arm64');
    expect(only.staged).toBeNull();

    expect(parseBootcStatus(read('spec-v1a1.yaml')).booted?.version).toBe('20231230.1');
    expect(parseBootcStatus(read('spec-ostree-remote.yaml')).booted?.timestamp).toBe('2023-12-30T16:10:11Z');

    const update = parseBootcStatus(read('spec-booted-with-update.yaml')).booted?.cachedUpdate;
    expect(update).toEqual({
      image: 'quay.io/centos-bootc/centos-bootc:stream9',
      digest: 'sha256:a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0',
      version: 'stream9.20240901.0',
      timestamp: '2024-09-01T12:00:00Z',
    });
    expect(parseBootcStatus(read('spec-booted-with-update-no-version.yaml')).booted?.cachedUpdate?.version).toBeNull();

    const pinned = parseBootcStatus(read('spec-booted-pinned.yaml'));
    expect(pinned.booted?.pinned).toBe(true);
    expect(pinned.other.map((o) => o.digest)).toEqual([
      'sha256:47e5ed613a970b6574bfa954ab25bb6e85656552899aa518b5961d9645102b37',
    ]);

    const downloadOnly = parseBootcStatus(read('spec-staged-download-only.yaml'));
    expect(downloadOnly.staged?.downloadOnly).toBe(true);
    expect(downloadOnly.booted?.downloadOnly).toBe(false);

    const stagedRollback = parseBootcStatus(read('spec-staged-rollback.yaml'));
    expect(stagedRollback.isBootcHost).toBe(false);
    expect(stagedRollback.rollback?.architecture).toBe('s390x');

    const ostreeOnly = parseBootcStatus(read('spec-rfe-ostree-deployment.yaml'));
    expect(ostreeOnly.isBootcHost).toBe(false);
    expect(ostreeOnly.specImage).toBeNull();
    expect(ostreeOnly.staged?.incompatible).toBe(true);

    const empty = parseBootcStatus(read('spec-v1-null.json'));
    expect(empty.isBootcHost).toBe(false);
    expect(empty.booted).toBeNull();

    const local = parseBootcStatus(read('spec-via-local-oci.yaml'));
    expect(local.booted?.transport).toBe('oci');
    expect(local.specImage).toBe('/var/mnt/osupdate:latest');
  });
});
