import { describe, expect, it } from 'vitest';
import { describeSelector, selectorMatches, selectorProblem, selectorWhere, type WindowSelector } from './window-selector';

const selector = (s: Partial<WindowSelector>): WindowSelector => ({ allHosts: false, labels: {}, groups: [], ...s });
const db = { labels: { role: 'db', site: 'fra' }, group: 'prod' };
const web = { labels: { role: 'web', site: 'fra' }, group: 'staging' };
const bare = { labels: {}, group: null };

describe('selectorMatches', () => {
  it('covers every host for allHosts', () => {
    expect([db, web, bare].map((h) => selectorMatches(selector({ allHosts: true }), h))).toEqual([true, true, true]);
  });

  it('needs every label to match', () => {
    const s = selector({ labels: { role: 'db', site: 'fra' } });
    expect([db, web, bare].map((h) => selectorMatches(s, h))).toEqual([true, false, false]);
    expect(selectorMatches(selector({ labels: { site: 'fra' } }), web)).toBe(true);
  });

  it('takes any of the groups, and both labels and group when both are given', () => {
    expect([db, web, bare].map((h) => selectorMatches(selector({ groups: ['prod', 'staging'] }), h))).toEqual([true, true, false]);
    expect([db, web].map((h) => selectorMatches(selector({ labels: { site: 'fra' }, groups: ['staging'] }), h))).toEqual([false, true]);
  });

  it('compares label values as strings exactly', () => {
    expect(selectorMatches(selector({ labels: { tier: '1' } }), { labels: { tier: 1 }, group: null })).toBe(false);
  });
});

describe('selectorProblem', () => {
  it('refuses an empty selector and allHosts narrowed by labels or groups', () => {
    expect(selectorProblem(selector({}))?.code).toBe('WINDOW_EMPTY_SELECTOR');
    expect(selectorProblem(selector({ allHosts: true, groups: ['prod'] }))?.code).toBe('WINDOW_SELECTOR_CONFLICT');
    expect(selectorProblem(selector({ allHosts: true }))).toBeNull();
    expect(selectorProblem(selector({ labels: { a: 'b' } }))).toBeNull();
  });
});

describe('selectorWhere and describeSelector', () => {
  it('filters on every label path and on the groups', () => {
    expect(selectorWhere(selector({ allHosts: true }))).toEqual({});
    expect(selectorWhere(selector({ labels: { role: 'db' }, groups: ['prod'] }))).toEqual({
      AND: [{ labels: { path: ['role'], equals: 'db' } }, { group: { in: ['prod'] } }],
    });
  });

  it('reads like the rule', () => {
    expect(describeSelector(selector({ allHosts: true }))).toBe('all hosts');
    expect(describeSelector(selector({ labels: { role: 'db', site: 'fra' }, groups: ['prod', 'staging'] }))).toBe('role=db, site=fra in group prod or staging');
    expect(describeSelector(selector({ groups: ['prod'] }))).toBe('group prod');
  });
});
