import { describe, expect, it } from 'vitest';
import { parseInventory } from '../inventory-import';
import { planImport } from './import-plan';

const FP = 'SHA256:QUQdLSfHQqpqSG/v9hZh+Qgii1flrmzpuez3jd4Q7LI';
const defaults = { labels: { site: 'berlin' }, group: null };

describe('planImport', () => {
  it('fills in defaults (user, port in place of 22, labels under the host\'s own, group)', () => {
    const parsed = parseInventory('10.0.0.1 web-1 env=prod\ncore@10.0.0.2:2222 web-2 site=paris\n');
    const plan = planImport(parsed, { ...defaults, user: 'admin', port: 2200, group: 'edge' }, { 'web-1': FP, 'web-2': FP });
    expect(plan).toEqual({
      problems: [],
      unapproved: [],
      hosts: [
        { name: 'web-1', address: '10.0.0.1', port: 2200, user: 'admin', fingerprint: FP, labels: { site: 'berlin', env: 'prod' }, group: 'edge' },
        { name: 'web-2', address: '10.0.0.2', port: 2222, user: 'core', fingerprint: FP, labels: { site: 'paris' }, group: 'edge' },
      ],
    });
  });

  it('refuses hosts whose key is neither in the inventory nor approved, and hosts with no user', () => {
    const parsed = parseInventory('[edge]\nweb-1 ansible_host=10.0.0.1 ansible_user=core\nweb-2 ansible_host=10.0.0.2\n');
    const plan = planImport(parsed, defaults, {});
    expect(plan.unapproved).toEqual(['web-1']);
    expect(plan.problems).toEqual([{ line: 3, message: 'web-2: no SSH user (give one in the inventory or as the default)' }]);
    expect(plan.hosts).toEqual([]);
  });

  it('pins the fingerprint an inventory gives over an approval for the same name', () => {
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const parsed = parseInventory(JSON.stringify([{ name: 'sim-001', address: '127.100.0.1', port: 2201, user: 'core', hostKeyFingerprint: FP }]));
    expect(planImport(parsed, defaults, { 'sim-001': other }).hosts[0]?.fingerprint).toBe(FP);
  });

  it('keeps the parser\'s problems', () => {
    const plan = planImport(parseInventory('not an address!\n'), defaults, {});
    expect(plan.problems).toHaveLength(1);
  });
});
