import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { INITIAL_POLICY_VALUES, policyServerErrors, policyValuesOf, toPolicyCreate, toPolicyUpdate } from './policy-values';
import type { Policy } from './use-policies';

const IMAGE = '22222222-2222-4222-8222-222222222222';

const policy: Policy = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'prod ring',
  imageId: IMAGE,
  // A selector the form cannot show whole (labels and a group): an edit that leaves the hosts alone must keep it.
  selector: { labels: { ring: 'prod' }, group: 'edge' },
  strategy: { canaryCount: 1, batchSize: { percent: 25 }, maxParallelReboots: 5, successThreshold: 1, pauseBetweenBatchesSeconds: 0, soakSeconds: 300, maxFailures: 1, requireApproval: false },
  healthChecks: { commands: [], deadlineSeconds: 300, rebootTimeoutSeconds: 900 },
  autoStart: true,
  enabled: true,
  lastDigest: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastRollout: null,
};

describe('policy form values', () => {
  it('builds the create body from the typed values', () => {
    const built = toPolicyCreate({ ...INITIAL_POLICY_VALUES, name: ' nightly ', imageId: IMAGE, labels: 'ring=canary', soakSeconds: '600', autoStart: true }, ['prod ring']);
    expect('body' in built && built.body).toEqual({
      name: 'nightly',
      imageId: IMAGE,
      selector: { labels: { ring: 'canary' } },
      strategy: { canaryCount: 1, batchSize: { percent: 10 }, maxParallelReboots: 5, successThreshold: 1, pauseBetweenBatchesSeconds: 0, soakSeconds: 600, maxFailures: 1, requireApproval: false },
      healthChecks: { commands: [], deadlineSeconds: 300, rebootTimeoutSeconds: 900 },
      autoStart: true,
      enabled: true,
    });
  });

  it('refuses a missing image, a taken or overlong name and a bad plan, naming each input', () => {
    const built = toPolicyCreate({ ...INITIAL_POLICY_VALUES, name: 'prod ring', canaryCount: '1.5' }, ['prod ring']);
    expect('errors' in built && built.errors).toEqual({ name: 'another policy has this name', imageId: 'choose an image', labels: 'give at least one key=value label', canaryCount: 'must be a whole number from 0 to 10000' });
    const long = toPolicyCreate({ ...INITIAL_POLICY_VALUES, name: 'x'.repeat(121), imageId: IMAGE, labels: 'a=b' }, []);
    expect('errors' in long && long.errors).toEqual({ name: 'must be at most 120 characters' });
  });

  it('sends only what an edit changed', () => {
    const values = policyValuesOf(policy);
    expect(toPolicyUpdate(values, policy)).toEqual({ body: {} });
    expect(toPolicyUpdate({ ...values, enabled: false, autoStart: false }, policy)).toEqual({ body: { enabled: false, autoStart: false } });
    const edited = toPolicyUpdate({ ...values, batchSize: '50', labels: 'ring=prod tier=db' }, policy);
    expect('body' in edited && edited.body).toEqual({ selector: { labels: { ring: 'prod', tier: 'db' } }, strategy: { ...policy.strategy, batchSize: { percent: 50 } } });
    expect(toPolicyUpdate({ ...values, soakSeconds: '-1' }, policy)).toEqual({ errors: { soakSeconds: 'must be a whole number from 0 to 604800' } });
  });

  it('places the server’s issues on their inputs and keeps its code and message for the form', () => {
    const refused = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request: strategy.batchSize.count: Too small', {
      issues: [
        { path: 'strategy.batchSize.count', message: 'Too small' },
        { path: 'name', message: 'Too long' },
        { path: 'somewhere.else', message: 'unplaced' },
      ],
    });
    expect(policyServerErrors(refused)).toEqual({ fields: { batchSize: 'Too small', name: 'Too long' }, form: 'Invalid request: strategy.batchSize.count: Too small (VALIDATION_FAILED)' });
    expect(policyServerErrors(new ApiError(500, 'INTERNAL_ERROR', 'Internal server error', {}))).toEqual({ fields: {}, form: 'Internal server error (INTERNAL_ERROR)' });
  });
});
