import { describe, expect, it } from 'vitest';
import { decidePolicy, type PolicyHost, type PolicyInput, revisionKey } from './policy-decision';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const ARM = `sha256:${'c'.repeat(64)}`;

const host = (id: string, over: Partial<PolicyHost> = {}): PolicyHost => ({ id, architecture: 'amd64', bootedDigest: OLD, busy: false, keyChanged: false, ...over });
const input = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  enabled: true,
  lastDigest: OLD,
  revisions: [{ architecture: 'amd64', digest: NEW, quarantined: false }],
  activeRollout: false,
  hosts: [host('h1'), host('h2')],
  ...over,
});

describe('decidePolicy', () => {
  it('creates a rollout of the hosts behind when the tag moved', () => {
    expect(decidePolicy(input({ hosts: [host('h1'), host('h2', { bootedDigest: NEW }), host('h3')] }))).toEqual({ type: 'create', key: NEW, hostIds: ['h1', 'h3'], left: { busy: [], keyChanged: [] } });
  });

  it('does nothing for a revision it already acted on, a disabled policy or an image without revisions', () => {
    expect(decidePolicy(input({ lastDigest: NEW }))).toEqual({ type: 'skip', reason: 'unchanged' });
    expect(decidePolicy(input({ enabled: false }))).toEqual({ type: 'skip', reason: 'disabled' });
    expect(decidePolicy(input({ revisions: [] }))).toEqual({ type: 'skip', reason: 'no-revision' });
  });

  it('never rolls out a quarantined revision', () => {
    expect(decidePolicy(input({ revisions: [{ architecture: 'amd64', digest: NEW, quarantined: true }] }))).toEqual({ type: 'skip', reason: 'quarantined' });
  });

  it('waits for its running rollout instead of starting a second one', () => {
    expect(decidePolicy(input({ activeRollout: true }))).toEqual({ type: 'skip', reason: 'active-rollout' });
  });

  it('only records the revision when every host is already on it', () => {
    expect(decidePolicy(input({ hosts: [host('h1', { bootedDigest: NEW })] }))).toEqual({ type: 'record', key: NEW });
    expect(decidePolicy(input({ hosts: [] }))).toEqual({ type: 'record', key: NEW });
  });

  it('leaves out busy hosts and hosts whose key changed, and says so', () => {
    const decision = decidePolicy(input({ hosts: [host('h1', { busy: true }), host('h2', { keyChanged: true }), host('h3')] }));
    expect(decision).toEqual({ type: 'create', key: NEW, hostIds: ['h3'], left: { busy: ['h1'], keyChanged: ['h2'] } });
  });

  it('targets each host by its own architecture and keys several architectures together', () => {
    const revisions = [
      { architecture: 'arm64', digest: ARM, quarantined: false },
      { architecture: 'amd64', digest: NEW, quarantined: false },
    ];
    const key = `amd64=${NEW},arm64=${ARM}`;
    expect(revisionKey(revisions)).toBe(key);
    const decision = decidePolicy(input({ revisions, hosts: [host('x86', { bootedDigest: NEW }), host('arm', { architecture: 'arm64' }), host('riscv', { architecture: 'riscv64' })] }));
    expect(decision).toEqual({ type: 'create', key, hostIds: ['arm'], left: { busy: [], keyChanged: [] } });
  });
});
