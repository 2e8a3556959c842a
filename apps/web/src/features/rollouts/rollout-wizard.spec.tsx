import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';

const IMAGE = '00000000-0000-4000-8000-0000000000c1';
const REVISION = '00000000-0000-4000-8000-0000000000d1';
const ROLLOUT = '00000000-0000-4000-8000-0000000000e1';
const HOST = '00000000-0000-4000-8000-0000000000f1';
const DIGEST = `sha256:${'c'.repeat(64)}`;

function fakeApi() {
  const posted: { path: string; body: unknown }[] = [];
  const hostQueries: URLSearchParams[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/health') return jsonResponse(200, healthyBody);
    if (url.pathname === '/api/images') return jsonResponse(200, [{ id: IMAGE, reference: 'reg/os:stable' }]);
    if (url.pathname === `/api/images/${IMAGE}/revisions`) {
      return jsonResponse(200, [{ id: REVISION, architecture: 'amd64', digest: DIGEST, version: '2.0', current: true, quarantined: false }]);
    }
    if (url.pathname === '/api/hosts') {
      hostQueries.push(url.searchParams);
      return jsonResponse(200, { items: [], total: url.searchParams.get('label') === 'env=prod' ? 4 : 0, page: 1, pageSize: 1 });
    }
    if (request.method === 'POST') {
      posted.push({ path: url.pathname, body: await request.json() });
      if (url.pathname === '/api/rollouts/preview') {
        return jsonResponse(200, {
          total: 2,
          startsAt: null,
          batches: [
            { index: 0, canary: true, hosts: [{ hostId: HOST, name: 'sim-001', targetReference: 'reg/os:stable', targetDigest: DIGEST, alreadyOnTarget: false, windowOpensAt: '2030-01-06T02:00:00.000Z' }] },
            { index: 1, canary: false, hosts: [{ hostId: HOST.replace('f1', 'f2'), name: 'sim-002', targetReference: 'reg/os:stable', targetDigest: DIGEST, alreadyOnTarget: true, windowOpensAt: null }] },
          ],
        });
      }
      return jsonResponse(201, { id: ROLLOUT });
    }
    return jsonResponse(404, { code: 'NOT_FOUND', message: url.pathname, details: {} });
  };
  return { fetch, posted, hostQueries };
}

describe('create-rollout wizard', () => {
  it('counts matching hosts live, shows the dry run with batches and windows, then creates', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const { router } = renderApp({ path: '/rollouts/new', fetch: api.fetch });
    const form = await screen.findByRole('form', { name: 'New rollout' });
    const create = within(form).getByRole('button', { name: 'Create rollout' });
    expect(create.hasAttribute('disabled')).toBe(true);

    await user.click(within(form).getByRole('button', { name: 'Dry run' }));
    expect(within(form).getByText('choose a revision')).toBeTruthy();
    expect(api.posted).toEqual([]);

    await user.type(within(form).getByLabelText('Name'), 'spring');
    await user.selectOptions(within(form).getByLabelText('Image'), IMAGE);
    await user.selectOptions(await within(form).findByLabelText('Revision'), await within(form).findByRole('option', { name: /2\.0 · amd64/ }));
    await user.type(within(form).getByLabelText('Labels'), 'env=prod');
    await waitFor(() => expect(within(form).getByTestId('matching-hosts').textContent).toBe('4 hosts match.'));
    await user.click(within(form).getByLabelText('Start when created'));

    await user.click(within(form).getByRole('button', { name: 'Dry run' }));
    const table = await within(form).findByRole('table', { name: 'Planned batches' });
    expect(within(form).getByRole('heading', { name: /Dry run: 2 hosts in 2 batches/ })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('1 (canary)');
    expect(rows[0]?.textContent).toContain(new Date('2030-01-06T02:00:00.000Z').toLocaleString());
    expect(rows[1]?.textContent).toContain('already on it');

    await user.click(within(form).getByRole('button', { name: 'Create and start' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/rollouts/${ROLLOUT}`));
    expect(api.posted.map((p) => p.path)).toEqual(['/api/rollouts/preview', '/api/rollouts']);
    expect(api.posted[1]?.body).toMatchObject({ name: 'spring', target: { revisionId: REVISION }, selector: { labels: { env: 'prod' } }, schedule: 'now' });
  });
});
