import { describe, expect, it } from 'vitest';
import { INITIAL_VALUES, toCreateRequest, type WizardValues } from './wizard-values';

const REVISION = '11111111-1111-4111-8111-111111111111';
const valid: WizardValues = { ...INITIAL_VALUES, name: ' spring ', revisionId: REVISION, labels: 'env=prod site=berlin', batchMode: 'count', batchSize: '2', successPercent: '75' };

describe('toCreateRequest', () => {
  it('builds the API body from the typed values', () => {
    const built = toCreateRequest({ ...valid, commands: 'systemctl is-active app\n\n  true  ', httpUrl: 'http://127.0.0.1:8080/health', httpStatus: '204', schedule: 'at', at: '2030-01-02T03:04' });
    expect('body' in built && built.body).toEqual({
      name: 'spring',
      target: { revisionId: REVISION },
      selector: { labels: { env: 'prod', site: 'berlin' } },
      strategy: { canaryCount: 1, batchSize: { count: 2 }, maxParallelReboots: 5, successThreshold: 0.75, pauseBetweenBatchesSeconds: 0, soakSeconds: 0, maxFailures: 1, requireApproval: false },
      healthChecks: { commands: [['systemctl', 'is-active', 'app'], ['true']], http: { url: 'http://127.0.0.1:8080/health', expectStatus: 204 }, deadlineSeconds: 300, rebootTimeoutSeconds: 900 },
      schedule: { at: new Date('2030-01-02T03:04').toISOString() },
    });
  });

  it('follows the latest of the tag and takes explicit hosts or a group', () => {
    const latest = toCreateRequest({ ...valid, targetMode: 'latest', imageId: REVISION, hostsMode: 'hosts', hostIds: [REVISION] });
    expect('body' in latest && [latest.body.target, latest.body.selector]).toEqual([{ imageId: REVISION, follow: 'latest' }, { hostIds: [REVISION] }]);
    const group = toCreateRequest({ ...valid, hostsMode: 'group', group: ' edge ' });
    expect('body' in group && group.body.selector).toEqual({ group: 'edge' });
  });

  it('names every field to fix and builds nothing', () => {
    const built = toCreateRequest({ ...INITIAL_VALUES, labels: 'env', canaryCount: '-1', batchSize: '0', successPercent: '101', httpUrl: 'ftp://x', schedule: 'at' });
    expect('errors' in built && Object.keys(built.errors).sort()).toEqual(['at', 'batchSize', 'canaryCount', 'httpUrl', 'labels', 'name', 'revisionId', 'successPercent']);
  });
});
