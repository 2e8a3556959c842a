import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { parseBootcStatus } from './parse-bootc-status';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('parseBootcStatus on the project fixtures', () => {
  it('reads bootc 0.1 YAML (v1alpha1, no architecture) and keeps number-like versions as strings', () => {
    const s = parseBootcStatus(fixture('v0.1-v1alpha1-staged.yaml'));
    expect(s.isBootcHost).toBe(true);
    expect(s.apiVersion).toBe('org.containers.bootc/v1alpha1');
    expect(s.specImage).toBe('registry.example.com/os/base:1.10');
    expect(s.booted).toEqual({
      image: 'registry.example.com/os/base:1.9',
      transport: 'registry',
      digest: digest('2'),
      version: '20240101.1',
      timestamp: null,
      architecture: null,
      pinned: false,
      downloadOnly: false,
      softRebootCapable: false,
      incompatible: false,
      cachedUpdate: null,
    });
    // A naive YAML load would turn "1.10" into 1.1.
    expect(s.staged?.version).toBe('1.10');
    expect(s.staged?.timestamp).toBe('2024-01-05T10:00:00Z');
    expect(s.rollback).toBeNull();
    expect(s.other).toEqual([]);
    expect(s.rollbackQueued).toBe(false);
  });

  it('reads bootc 1.0 YAML with the !ostreeRemote signature tag', () => {
    const s = parseBootcStatus(fixture('v1.0-yaml-ostree-remote.yaml'));
    expect(s.specImage).toBe('quay.io/fedora/fedora-bootc:41');
    expect(s.booted?.architecture).toBe('arm64');
    expect(s.booted?.version).toBe('41.20241215.0');
    expect(s.booted?.timestamp).toBe('2024-12-15T03:14:15Z');
  });

  it('reads pretty JSON of bootc 1.1 with a queued rollback', () => {
    const s = parseBootcStatus(fixture('v1.1-pretty-rollback.json'));
    expect(s.rollbackQueued).toBe(true);
    expect(s.bootOrder).toBe('rollback');
    expect(s.booted?.digest).toBe(digest('3'));
    expect(s.rollback?.digest).toBe(digest('4'));
    expect(s.rollback?.version).toBe('42.0');
    expect(s.staged).toBeNull();
  });

  it('reads canonical one-line JSON of bootc 1.16 with every later field', () => {
    const s = parseBootcStatus(fixture('v1.16-canonical.json'));
    expect(s.specImage).toBe(`127.0.0.1:5000/os/base@${digest('5')}`);
    expect(s.booted?.cachedUpdate).toEqual({
      image: '127.0.0.1:5000/os/base:stable',
      digest: digest('6'),
      version: null,
      timestamp: '2024-09-01T12:00:00Z',
    });
    expect(s.staged?.downloadOnly).toBe(true);
    expect(s.staged?.softRebootCapable).toBe(true);
    expect(s.other).toHaveLength(1);
    expect(s.other[0]?.pinned).toBe(true);
    expect(s.other[0]?.version).toBe('41');
    expect(s.readOnly).toBe(false);
  });

  it('reports a machine without a booted bootc deployment as not a bootc host', () => {
    const s = parseBootcStatus(fixture('v1.16-not-bootc-host.json'));
    expect(s.isBootcHost).toBe(false);
    expect(s.booted).toBeNull();
    expect(s.specImage).toBeNull();
  });
});

describe('parseBootcStatus rejects what is not bootc status', () => {
  it.each([
    ['empty', ''],
    ['not JSON', '{"apiVersion":'],
    ['prose', 'System is deployed via a container image.'],
    ['another kind', '{"apiVersion":"org.containers.bootc/v1","kind":"Pod"}'],
    ['a list', '- a\n- b'],
    ['a bad slot', '{"apiVersion":"org.containers.bootc/v1","kind":"BootcHost","status":{"booted":"x"}}'],
  ])('%s throws PARSE_FAILED with the raw text', (_name, text) => {
    try {
      parseBootcStatus(text);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(AgentError);
      expect((error as AgentError).code).toBe('PARSE_FAILED');
      expect((error as AgentError).details.raw).toBe(text);
    }
  });
});
