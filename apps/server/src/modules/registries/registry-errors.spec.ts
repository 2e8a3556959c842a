import { OciError } from '@bootfleet/oci';
import { describe, expect, it } from 'vitest';
import { describeRegistryFailure, registryDomainError } from './registry-errors';

describe('registryDomainError', () => {
  it('maps a malformed reference to 400 and registry failures to 422, keeping the code', () => {
    expect(registryDomainError(new OciError('INVALID_REFERENCE', 'bad'))).toMatchObject({ status: 400, code: 'INVALID_REFERENCE' });
    const auth = registryDomainError(new OciError('REGISTRY_AUTH_FAILED', 'refused', 401), { registryId: 'r1' });
    expect(auth).toMatchObject({ status: 422, code: 'REGISTRY_AUTH_FAILED', message: 'refused', details: { registryId: 'r1', registryStatus: 401 } });
    expect(registryDomainError(new OciError('REGISTRY_NOT_FOUND', 'no tag', 404)).status).toBe(422);
    expect(registryDomainError(new OciError('REGISTRY_TLS_FAILED', 'self-signed')).status).toBe(422);
  });

  it('rethrows what is not a registry error', () => {
    const bug = new TypeError('bug');
    expect(() => registryDomainError(bug)).toThrow(bug);
  });
});

describe('describeRegistryFailure', () => {
  it('keeps the registry code and message', () => {
    expect(describeRegistryFailure(new OciError('REGISTRY_UNREACHABLE', 'connection refused'))).toEqual({ code: 'REGISTRY_UNREACHABLE', message: 'connection refused' });
    expect(describeRegistryFailure(new Error('boom'))).toEqual({ code: 'INTERNAL_ERROR', message: 'boom' });
  });
});
