import { describe, expect, it } from 'vitest';
import { changedPlanParts, INITIAL_PLAN_VALUES, PLAN_PARTS, type Plan, planFieldOf, planValuesOf, type PlanValues, toPlan } from './plan-values';

const HOST = '11111111-1111-4111-8111-111111111111';

const stored: Plan = {
  selector: { labels: { env: 'prod', site: 'berlin' } },
  strategy: { canaryCount: 2, batchSize: { count: 5 }, maxParallelReboots: 3, successThreshold: 0.29, pauseBetweenBatchesSeconds: 60, soakSeconds: 600, maxFailures: 0, requireApproval: true },
  healthChecks: { commands: [['systemctl', 'is-active', 'app'], ['true']], http: { url: 'https://app.example/health', expectStatus: 204 }, deadlineSeconds: 120, rebootTimeoutSeconds: 1200 },
};

describe('plan values', () => {
  it('reads a stored plan back into the inputs and builds the same plan from them', () => {
    const values = planValuesOf(stored);
    expect(values).toMatchObject({ hostsMode: 'labels', labels: 'env=prod site=berlin', batchMode: 'count', batchSize: '5', successPercent: '29', commands: 'systemctl is-active app\ntrue', httpStatus: '204', rebootTimeoutSeconds: '1200' });
    expect(toPlan(values)).toEqual({ plan: stored });
  });

  it('picks the hosts mode the stored selector uses', () => {
    const plan = (selector: Record<string, unknown>) => planValuesOf({ ...stored, selector });
    expect(plan({ group: 'edge' })).toMatchObject({ hostsMode: 'group', group: 'edge' });
    expect(plan({ hostIds: [HOST] })).toMatchObject({ hostsMode: 'hosts', hostIds: [HOST] });
    expect(toPlan(plan({ group: 'edge' }))).toMatchObject({ plan: { selector: { group: 'edge' } } });
  });

  it('names each input to fix', () => {
    const built = toPlan({ ...INITIAL_PLAN_VALUES, hostsMode: 'group', batchSize: '100.5', maxParallelReboots: '0', rebootTimeoutSeconds: '7201', httpUrl: 'https://x', httpStatus: '99' });
    expect('errors' in built && built.errors).toEqual({
      group: 'give a group',
      batchSize: 'must be a percent from 0.1 to 100',
      maxParallelReboots: 'must be a whole number from 1 to 10000',
      rebootTimeoutSeconds: 'must be a whole number from 1 to 7200',
      httpStatus: 'must be a whole number from 100 to 599',
    });
  });

  it('puts every input in exactly one part of the plan', () => {
    const listed: string[] = Object.values(PLAN_PARTS).flat();
    expect([...listed].sort()).toEqual(Object.keys(INITIAL_PLAN_VALUES).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('tells which parts changed', () => {
    const before = planValuesOf(stored);
    const edit = (patch: Partial<PlanValues>) => changedPlanParts({ ...before, ...patch }, before);
    expect(edit({})).toEqual([]);
    expect(edit({ hostIds: [HOST] })).toEqual(['selector']);
    expect(edit({ soakSeconds: '0', deadlineSeconds: '60' })).toEqual(['strategy', 'healthChecks']);
  });

  it('places API issue paths on their inputs', () => {
    expect(planFieldOf('strategy.batchSize.count')).toBe('batchSize');
    expect(planFieldOf('strategy.successThreshold')).toBe('successPercent');
    expect(planFieldOf('selector.labels.env')).toBe('labels');
    expect(planFieldOf('healthChecks.http.url')).toBe('httpUrl');
    expect(planFieldOf('healthChecks.commands.0.1')).toBe('commands');
    expect(planFieldOf('strategy.soakSecondsX')).toBeUndefined();
    expect(planFieldOf('name')).toBeUndefined();
  });
});
