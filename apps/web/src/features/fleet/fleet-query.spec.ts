import { describe, expect, it } from 'vitest';
import { listQuery, paramsFromView, viewFromParams, withFilter, withSort } from './fleet-query';

describe('fleet view in the URL', () => {
  it('round-trips every filter, sort and page through the query string', () => {
    const params = new URLSearchParams('q=web&status=unreachable&label=env%3Dprod&label=site%3Dber&group=edge&image=i1&attention=timer-not-masked&update=yes&sort=lastSeenAt&order=desc&page=3&pageSize=250');
    const view = viewFromParams(params);
    expect(view).toEqual({
      q: 'web',
      status: 'unreachable',
      labels: ['env=prod', 'site=ber'],
      group: 'edge',
      imageId: 'i1',
      attention: 'timer-not-masked',
      updateAvailable: true,
      sort: 'lastSeenAt',
      order: 'desc',
      page: 3,
      pageSize: 250,
    });
    expect(paramsFromView(view).toString()).toBe(params.toString());
    expect(listQuery(view)).toEqual({ page: 3, pageSize: 250, sort: 'lastSeenAt', order: 'desc', q: 'web', status: 'unreachable', label: ['env=prod', 'site=ber'], group: 'edge', imageId: 'i1', attention: 'timer-not-masked', updateAvailable: 'true' });
  });

  it('falls back to defaults for anything unknown, and keeps a plain URL plain', () => {
    const view = viewFromParams(new URLSearchParams('status=sleeping&sort=password&page=-2&pageSize=7&label=novalue&update=maybe'));
    expect(view).toMatchObject({ status: null, sort: 'name', order: 'asc', page: 1, pageSize: 100, labels: [], updateAvailable: null });
    expect(paramsFromView(view).toString()).toBe('');
    expect(listQuery(view)).toEqual({ page: 1, pageSize: 100, sort: 'name', order: 'asc' });
  });

  it('goes back to page 1 on a new filter or sort; a second click on the sorted column flips the order', () => {
    const view = { ...viewFromParams(new URLSearchParams('page=4')), sort: 'name' as const };
    expect(withFilter(view, { status: 'online' }).page).toBe(1);
    expect(withSort(view, 'name')).toMatchObject({ sort: 'name', order: 'desc', page: 1 });
    expect(withSort(view, 'status')).toMatchObject({ sort: 'status', order: 'asc' });
  });
});
