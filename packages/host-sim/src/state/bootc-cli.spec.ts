import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bootcStatusValidator } from '../testing/bootc-schema';
import { FetchError, runBootc, type BootcContext } from './bootc-cli';
import { createHostState, rollback, setPinned, upgrade } from './host-state';
import { fetchedImage, TEST_REF } from './test-images';
import type { FetchedImage, HostState } from './types';

function host(bootcVersion?: string): HostState {
  return createHostState({
    booted: { image: TEST_REF, fetched: fetchedImage('1') },
    rollback: { image: TEST_REF, fetched: fetchedImage('0') },
    bootId: 'boot-1',
    ...(bootcVersion ? { bootcVersion } : {}),
  });
}

function context(state: HostState, overrides: Partial<BootcContext> = {}): BootcContext {
  const registry: FetchedImage = fetchedImage('2');
  return {
    state,
    isRoot: true,
    fetch: () => Promise.resolve(registry),
    waitForSysrootLock: () => Promise.resolve(),
    sysrootLocked: () => false,
    ...overrides,
  };
}

describe('bootc status output', () => {
  it('prints canonical JSON: one line, sorted keys, no trailing newline, no empty otherDeployments', async () => {
    const { stdout, exitCode } = await runBootc(['status', '--format=json', '--format-version=1'], context(host()));
    expect(exitCode).toBe(0);
    expect(stdout).not.toContain('\n');
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(stdout.indexOf('"booted"')).toBeLessThan(stdout.indexOf('"rollback"'));
    expect(stdout).not.toContain('otherDeployments');
    expect(stdout).not.toContain('signature');
    expect(doc.apiVersion).toBe('org.containers.bootc/v1');
  });

  it('prints YAML without --format on a non-TTY, keeping versions as strings', async () => {
    const state = upgrade(host(), { ...fetchedImage('x'), version: '20231230.1' }).state;
    const { stdout } = await runBootc(['status'], context(state));
    const doc = parseYaml(stdout) as { status: { staged: { image: { version: unknown } } } };
    expect(doc.status.staged.image.version).toBe('20231230.1');
    expect(stdout.startsWith('apiVersion: org.containers.bootc/v1\nkind: BootcHost\n')).toBe(true);
  });

  it('old bootc knows only --json and prints keys of its time', async () => {
    const old = host('1.1.0');
    const rejected = await runBootc(['status', '--format=json', '--format-version=1'], context(old));
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toContain("error: unexpected argument '--format-version' found");
    expect((await runBootc(['status', '--format=json'], context(host('0.1.10')))).stderr).toContain("unexpected argument '--format' found");
    const { stdout, exitCode } = await runBootc(['status', '--json'], context(old));
    expect(exitCode).toBe(0);
    const booted = (JSON.parse(stdout) as { status: { booted: Record<string, unknown> } }).status.booted;
    expect(booted).not.toHaveProperty('downloadOnly');
    expect(booted).not.toHaveProperty('softRebootCapable');
    expect(booted.image).not.toHaveProperty('architecture');
    const upgradeOld = await runBootc(['upgrade', '--download-only'], context(old));
    expect(upgradeOld.exitCode).toBe(2);
  });

  it('--booted shows only the booted slot', async () => {
    const staged = upgrade(host(), fetchedImage('2')).state;
    const { stdout } = await runBootc(['status', '--format=json', '--booted'], context(staged));
    const doc = JSON.parse(stdout) as { status: Record<string, unknown> };
    expect(doc.status.staged).toBeNull();
    expect(doc.status.rollback).toBeNull();
    expect(doc.status.booted).not.toBeNull();
  });

  // The published schema is today's: it requires `architecture`, which bootc before 1.1.7 lacked.
  it('validates against bootc\'s published JSON schema in every state', async (ctx) => {
    const validate = bootcStatusValidator();
    if (!validate) return ctx.skip();
    const staged = upgrade(setPinned(host(), 'rollback', true), fetchedImage('2')).state;
    const states = [host(), staged, rollback(host()).state, { ...staged, otherDeployments: [staged.rollback!] }, host('1.3.0')];
    for (const state of states) {
      const { stdout } = await runBootc(['status', '--format=json'], context(state));
      expect(validate(JSON.parse(stdout)), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe('bootc verbs', () => {
  it('requires root', async () => {
    const status = await runBootc(['status', '--format=json'], context(host(), { isRoot: false }));
    expect(status).toMatchObject({ exitCode: 1, stdout: '' });
    expect(status.stderr).toBe('error: Status: Preparing for write: Querying root privilege: This command must be executed as the root user\n');
    const up = await runBootc(['upgrade'], context(host(), { isRoot: false }));
    expect(up.stderr).toMatch(/^error: .*This command must be executed as the root user\n$/);
  });

  it('wraps registry failures in bootc\'s error context', async () => {
    const failing = context(host(), { fetch: () => Promise.reject(new FetchError('reading manifest stable in 127.0.0.1:5000/fleet/os: unauthorized: authentication required')) });
    const result = await runBootc(['upgrade', '--check'], failing);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('error: Upgrading: Preparing import: Fetching manifest: reading manifest stable in 127.0.0.1:5000/fleet/os: unauthorized: authentication required\n');
  });

  it('fails staging on a full disk, but --check still works', async () => {
    const full = context(host(), { diskFull: true });
    expect((await runBootc(['upgrade', '--check'], full)).exitCode).toBe(0);
    const staged = await runBootc(['upgrade'], full);
    expect(staged.exitCode).toBe(1);
    expect(staged.stderr).toContain('No space left on device');
  });

  it('refuses to mutate while another process holds the sysroot lock', async () => {
    const result = await runBootc(['upgrade'], context(host(), { sysrootLocked: () => true }));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: Acquiring sysroot lock/);
  });

  it('switch with --apply stages the target and asks for a reboot', async () => {
    const result = await runBootc(['switch', '--apply', '127.0.0.1:5000/fleet/os:canary'], context(host()));
    expect(result.exitCode).toBe(0);
    expect(result.reboot).toBe('reboot');
    expect(result.state.staged?.image?.image.image).toBe('127.0.0.1:5000/fleet/os:canary');
  });

  it('rollback --apply and unknown subcommands', async () => {
    expect((await runBootc(['rollback', '--apply'], context(host()))).reboot).toBe('reboot');
    const unknown = await runBootc(['frobnicate'], context(host()));
    expect(unknown).toMatchObject({ exitCode: 2 });
    expect(unknown.stderr).toContain("unrecognized subcommand 'frobnicate'");
  });

  it('prints its version', async () => {
    expect((await runBootc(['--version'], context(host('1.1.0')))).stdout).toBe('bootc 1.1.0\n');
  });
});
