import { describe, expect, it } from 'vitest';
import { describePushOutcome, pushSupport, summarizePush, unpushableReason } from './describe-push';

const basic = { kind: 'basic' as const, username: 'robot', hasSecret: true };
const anonymous = { kind: 'none' as const, username: null, hasSecret: false };

describe('pushSupport', () => {
  it('writes user/password credentials, with an insecure drop-in for plain HTTP or unverified TLS', () => {
    expect(pushSupport({ url: 'https://quay.io', insecure: false, credentials: basic })).toEqual({ pushable: true, writes: 'the credentials of user robot to /etc/ostree/auth.json' });
    expect(pushSupport({ url: 'http://127.0.0.1:5000', insecure: false, credentials: basic })).toEqual({
      pushable: true,
      writes: 'the credentials of user robot to /etc/ostree/auth.json and an insecure-registry drop-in',
    });
    expect(pushSupport({ url: 'https://r', insecure: true, credentials: anonymous })).toEqual({ pushable: true, writes: 'an insecure-registry drop-in' });
  });

  it('has nothing to push for token credentials or an anonymous verified registry', () => {
    expect(pushSupport({ url: 'https://r', insecure: false, credentials: { kind: 'token', username: null, hasSecret: true } })).toMatchObject({ pushable: false, reason: expect.stringMatching(/token/) });
    expect(pushSupport({ url: 'https://r', insecure: false, credentials: anonymous })).toMatchObject({ pushable: false, reason: expect.stringMatching(/anonymous/) });
  });
});

describe('unpushableReason', () => {
  it('refuses hosts the server would refuse the whole push for', () => {
    expect(unpushableReason({ status: 'online', presentedFingerprint: null })).toBeNull();
    expect(unpushableReason({ status: 'unreachable', presentedFingerprint: null })).toBeNull();
    expect(unpushableReason({ status: 'pending', presentedFingerprint: null })).toBe('not enrolled yet');
    expect(unpushableReason({ status: 'online', presentedFingerprint: 'SHA256:new' })).toMatch(/host key changed/);
  });
});

describe('push results', () => {
  const ok = { hostId: 'a', name: 'sim-001', ok: true, error: null };
  const failed = { hostId: 'b', name: 'sim-002', ok: false, error: { code: 'CONNECT_TIMEOUT', message: 'sim-002 did not answer' } };

  it('shows each host with its error code and message', () => {
    expect(describePushOutcome(ok)).toEqual({ tone: 'ok', label: 'written', detail: '' });
    expect(describePushOutcome(failed)).toEqual({ tone: 'danger', label: 'CONNECT_TIMEOUT', detail: 'sim-002 did not answer' });
  });

  it('sums up written and failed hosts', () => {
    expect(summarizePush([ok, ok])).toBe('2 written');
    expect(summarizePush([ok, failed])).toBe('1 written, 1 failed');
  });
});
