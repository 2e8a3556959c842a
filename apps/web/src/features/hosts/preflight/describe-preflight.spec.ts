import { describe, expect, it } from 'vitest';
import { describeCheck, describePreflight } from './describe-preflight';

describe('describeCheck', () => {
  it('splits the agent error code from the message of a failed check', () => {
    expect(describeCheck({ name: 'pull', ok: false, detail: 'REGISTRY_AUTH_FAILED: unauthorized: authentication required' })).toEqual({
      name: 'pull',
      label: 'Test pull',
      tone: 'danger',
      state: 'failed',
      code: 'REGISTRY_AUTH_FAILED',
      message: 'unauthorized: authentication required',
      hint: expect.stringMatching(/refused the host's credentials.*Push credentials/),
      fixedByPush: true,
    });
    expect(describeCheck({ name: 'reachable', ok: false, detail: 'CONNECT_TIMEOUT: no answer in 2000 ms' })).toMatchObject({ code: 'CONNECT_TIMEOUT', hint: expect.stringMatching(/SSH/), fixedByPush: false });
  });

  it('points missing credentials or trust at a push, and keeps uncoded details whole', () => {
    const missing = describeCheck({ name: 'credentials', ok: false, detail: 'no credentials for r:5000 in /etc/ostree/auth.json: push them from the registry' });
    expect(missing).toMatchObject({ code: null, message: 'no credentials for r:5000 in /etc/ostree/auth.json: push them from the registry', fixedByPush: true });
    expect(describeCheck({ name: 'trust', ok: false, detail: 'r:5000 needs an insecure drop-in' })).toMatchObject({ label: 'Registry trust', fixedByPush: true });
  });

  it('gives passed and untried checks no code and no hint', () => {
    expect(describeCheck({ name: 'trust', ok: true, detail: 'R: verified' })).toMatchObject({ state: 'ok', tone: 'ok', code: null, message: 'R: verified', hint: null });
    expect(describeCheck({ name: 'pull', ok: null, detail: 'not tried: the host follows x' })).toMatchObject({ state: 'not tried', tone: 'neutral', hint: null });
  });
});

describe('describePreflight', () => {
  const passed = { name: 'reachable' as const, ok: true, detail: 'answered' };
  it('says whether the host can pull, and when the pull was not tried', () => {
    expect(describePreflight({ canPull: true, checks: [passed, { name: 'pull', ok: true, detail: 'pulled' }] })).toMatchObject({ tone: 'ok', label: 'Can pull' });
    expect(describePreflight({ canPull: true, checks: [passed, { name: 'pull', ok: null, detail: 'not tried' }] })).toMatchObject({ tone: 'info', label: 'No problem found (pull not tried)' });
    expect(describePreflight({ canPull: false, checks: [{ name: 'reachable', ok: false, detail: 'AUTH_FAILED: key refused' }] })).toMatchObject({ tone: 'danger', label: 'Cannot pull' });
  });
});
