import { describe, expect, it } from 'vitest';
import { describeAuth, describeTestResult, describeTls } from './describe-registry';

describe('describeTls', () => {
  it('names plain HTTP, skipped verification, a custom CA and default verification', () => {
    expect(describeTls({ url: 'http://127.0.0.1:5000', insecure: false, caPem: null })).toBe('plain HTTP');
    expect(describeTls({ url: 'https://r', insecure: true, caPem: null })).toBe('not verified');
    expect(describeTls({ url: 'https://r', insecure: false, caPem: '-----BEGIN CERTIFICATE-----' })).toBe('custom CA');
    expect(describeTls({ url: 'https://r', insecure: false, caPem: null })).toBe('verified');
  });
});

describe('describeAuth', () => {
  it('says who bootfleet logs in as', () => {
    expect(describeAuth({ kind: 'none', username: null, hasSecret: false })).toBe('anonymous');
    expect(describeAuth({ kind: 'basic', username: 'robot', hasSecret: true })).toBe('user robot');
    expect(describeAuth({ kind: 'token', username: null, hasSecret: true })).toBe('token');
  });
});

describe('describeTestResult', () => {
  it('shows latency on success and a label plus the coded message on failure', () => {
    expect(describeTestResult({ ok: true, latencyMs: 12 })).toEqual({ tone: 'ok', label: 'Reachable', detail: 'answered in 12 ms' });
    expect(describeTestResult({ ok: false, latencyMs: 3, error: { code: 'REGISTRY_AUTH_FAILED', message: 'refused' } })).toEqual({
      tone: 'danger',
      label: 'Credentials refused',
      detail: 'refused (REGISTRY_AUTH_FAILED)',
    });
  });
});
