import { describe, expect, it } from 'vitest';
import { parseInventory } from './inventory-import';

const FP = `SHA256:${'A'.repeat(43)}`;

describe('parseInventory', () => {
  it("reads host-sim's inventory.json with its pinned fingerprints", () => {
    const text = JSON.stringify([
      { name: 'sim-001', address: '127.100.0.1', port: 2201, user: 'core', keyPath: '/tmp/k', hostKeyFingerprint: FP },
      { name: 'sim-002', address: '127.100.0.2', port: 2202, user: 'core', keyPath: '/tmp/k', hostKeyFingerprint: FP },
    ]);
    const r = parseInventory(text);
    expect(r.format).toBe('bootfleet-sim');
    expect(r.problems).toEqual([]);
    expect(r.hosts[1]).toEqual({ line: 2, name: 'sim-002', address: '127.100.0.2', port: 2202, user: 'core', fingerprint: FP, group: null, labels: {} });
  });

  it('reads an Ansible INI inventory with groups, group vars and bootfleet labels', () => {
    const text = [
      '# edge fleet',
      '[edge]',
      'edge-1 ansible_host=10.0.0.11 ansible_port=2222 bootfleet_label_site=berlin',
      'edge-2 ansible_host=10.0.0.12',
      '',
      '[edge:vars]',
      'ansible_user=core',
      '',
      '[core]',
      'db.example.com ansible_user=admin',
      '[all:children]',
      'edge',
    ].join('\n');
    const r = parseInventory(text);
    expect(r.format).toBe('ansible-ini');
    expect(r.problems).toEqual([]);
    expect(r.hosts).toEqual([
      { line: 3, name: 'edge-1', address: '10.0.0.11', port: 2222, user: 'core', fingerprint: null, group: 'edge', labels: { site: 'berlin' } },
      { line: 4, name: 'edge-2', address: '10.0.0.12', port: 22, user: 'core', fingerprint: null, group: 'edge', labels: {} },
      { line: 10, name: 'db.example.com', address: 'db.example.com', port: 22, user: 'admin', fingerprint: null, group: 'core', labels: {} },
    ]);
  });

  it('reads pasted lines', () => {
    const r = parseInventory('core@10.1.0.5:2222 web-1 role=web\n10.1.0.6\n[fd00::1]:22 v6host\n');
    expect(r.format).toBe('lines');
    expect(r.problems).toEqual([]);
    expect(r.hosts.map((h) => [h.name, h.address, h.port, h.user, h.labels])).toEqual([
      ['web-1', '10.1.0.5', 2222, 'core', { role: 'web' }],
      ['10.1.0.6', '10.1.0.6', 22, null, {}],
      ['v6host', 'fd00::1', 22, null, {}],
    ]);
  });

  it('reports bad lines with their numbers and keeps the good ones', () => {
    const r = parseInventory('good 10.0.0.1\nroot;reboot@10.0.0.2\n10.0.0.3:99999\n10.0.0.4 bad$name\n$(reboot)\n10.0.0.1 good');
    expect(r.hosts.map((h) => h.name)).toEqual(['10.0.0.1', 'good']);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
  });

  it('rejects injection through Ansible variables', () => {
    const r = parseInventory("[x]\nh1 ansible_host='10.0.0.1;reboot' \nh2 ansible_user='root$(id)' ansible_host=10.0.0.2\nh3 ansible_port=22x ansible_host=10.0.0.3\n");
    expect(r.hosts).toEqual([]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it('flags duplicates and malformed JSON', () => {
    expect(parseInventory('10.0.0.1 a\n10.0.0.2 a').problems).toEqual([{ line: 2, message: 'a appears more than once' }]);
    expect(parseInventory('[{"name": ').problems[0]?.message).toMatch(/not valid JSON/);
    expect(parseInventory(JSON.stringify([{ name: 'x', address: '1.2.3.4', port: 22, user: 'core', hostKeyFingerprint: 'MD5:aa' }])).problems[0]?.message).toMatch(/hostKeyFingerprint/);
  });
});
