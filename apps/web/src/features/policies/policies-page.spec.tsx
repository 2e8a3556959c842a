import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminMe, healthyBody, jsonResponse, renderApp } from '../../test/render-app';
import type { Policy } from './use-policies';

const IMAGE = '00000000-0000-4000-8000-0000000000c1';
const ROLLOUT = '00000000-0000-4000-8000-0000000000e1';

const policy: Policy = {
  id: '00000000-0000-4000-8000-0000000000a1',
  name: 'prod ring',
  imageId: IMAGE,
  selector: { labels: { ring: 'prod' } },
  strategy: { canaryCount: 1, batchSize: { percent: 25 }, maxParallelReboots: 5, successThreshold: 1, pauseBetweenBatchesSeconds: 0, soakSeconds: 300, maxFailures: 1, requireApproval: false },
  healthChecks: { commands: [['systemctl', 'is-active', 'app']], deadlineSeconds: 300, rebootTimeoutSeconds: 900 },
  autoStart: true,
  enabled: true,
  lastDigest: `sha256:${'a'.repeat(64)}`,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastRollout: { id: ROLLOUT, name: 'prod ring: 1.1', state: 'paused', pausedReason: 'soaking', createdAt: '2030-01-02T00:00:00.000Z' },
};

const viewer = { ...adminMe, name: 'val', role: 'viewer' };
const operator = { ...adminMe, name: 'op', role: 'operator' };

type Sent = { method: string; path: string; body: unknown };

/** The policy API with one policy; `answer` decides what a change gets back. */
function fakeApi(answer: (sent: Sent) => Response = (sent) => jsonResponse(sent.method === 'DELETE' ? 204 : 200, { ...policy, ...(sent.body as object) })) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/health') return jsonResponse(200, healthyBody);
    if (request.method === 'GET') {
      if (url.pathname === '/api/rollout-policies') return jsonResponse(200, { items: [policy] });
      if (url.pathname === '/api/images') return jsonResponse(200, [{ id: IMAGE, reference: 'reg/os:stable' }]);
      if (url.pathname === '/api/hosts') return jsonResponse(200, { items: [], total: 7, page: 1, pageSize: 1 });
      return jsonResponse(404, { code: 'NOT_FOUND', message: url.pathname, details: {} });
    }
    const text = await request.text();
    const call = { method: request.method, path: url.pathname, body: text ? (JSON.parse(text) as unknown) : undefined };
    sent.push(call);
    const response = answer(call);
    return response.status === 204 ? new Response(null, { status: 204 }) : response;
  };
  return { fetch, sent };
}

afterEach(() => vi.restoreAllMocks());

describe('policies page', () => {
  it('lists each policy densely with its image, hosts, plan and last rollout; a viewer gets no write buttons', async () => {
    renderApp({ path: '/policies', fetch: fakeApi().fetch, me: viewer });
    const table = await screen.findByRole('table', { name: 'Rollout policies' });
    const row = (await within(table).findByRole('link', { name: 'prod ring' })).closest('tr');
    if (!row) throw new Error('no row');
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 9)).toEqual(['prod ring', 'reg/os:stable', 'ring=prod', 'at once', '1', '25%', '1 failed', '5 m 0 s', 'enabled']);
    expect(within(row).getByText('25%').getAttribute('title')).toBe('1 canary · batches of 25% · pause at 1 failure · soak 5 m 0 s');
    expect(await within(row).findByRole('link', { name: 'prod ring: 1.1' })).toHaveProperty('pathname', `/rollouts/${ROLLOUT}`);
    expect(within(row).getByText('paused').closest('[data-tone]')?.getAttribute('data-tone')).toBe('warning');
    expect(screen.queryByRole('link', { name: 'New policy' })).toBeNull();
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(row).getAllByRole('link').map((l) => l.textContent)).toEqual(['prod ring', 'prod ring: 1.1']);
  });

  it('checks the form before sending, then creates the policy and goes back to the list', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() => jsonResponse(201, policy));
    const { router } = renderApp({ path: '/policies', fetch: api.fetch, me: operator });
    await user.click(await screen.findByRole('link', { name: 'New policy' }));
    const form = await screen.findByRole('form', { name: 'New policy' });

    await user.type(within(form).getByLabelText('Name'), 'prod ring');
    await user.click(within(form).getByRole('button', { name: 'Create policy' }));
    expect(within(form).getByText('another policy has this name')).toBeTruthy();
    expect(within(form).getByText('choose an image')).toBeTruthy();
    expect(within(form).getByText('give at least one key=value label')).toBeTruthy();
    expect(api.sent).toEqual([]);

    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'canary ring');
    await user.selectOptions(within(form).getByLabelText('Image'), await within(form).findByRole('option', { name: 'reg/os:stable' }));
    await user.type(within(form).getByLabelText('Labels'), 'ring=canary');
    await waitFor(() => expect(within(form).getByTestId('matching-hosts').textContent).toBe('7 hosts match.'));
    await user.clear(within(form).getByLabelText('Soak after canaries (s)'));
    await user.type(within(form).getByLabelText('Soak after canaries (s)'), '600');
    await user.click(within(form).getByLabelText('Create a rollout and start it at once'));
    await user.click(within(form).getByRole('button', { name: 'Create policy' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/policies'));
    expect(api.sent).toHaveLength(1);
    expect(api.sent[0]).toMatchObject({
      method: 'POST',
      path: '/api/rollout-policies',
      body: { name: 'canary ring', imageId: IMAGE, selector: { labels: { ring: 'canary' } }, strategy: { soakSeconds: 600, canaryCount: 1 }, autoStart: true, enabled: true },
    });
  });

  it('shows a refusal next to its input and with its code above the buttons, and stays on the form', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() =>
      jsonResponse(400, {
        code: 'VALIDATION_FAILED',
        message: 'Invalid request: strategy.batchSize.percent: Too big',
        details: { issues: [{ path: 'strategy.batchSize.percent', message: 'Too big: expected number to be <=100', code: 'too_big' }] },
      }),
    );
    const { router } = renderApp({ path: `/policies/${policy.id}`, fetch: api.fetch, me: operator });
    const form = await screen.findByRole('form', { name: 'Policy prod ring' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    await user.clear(within(form).getByLabelText('Batch size'));
    await user.type(within(form).getByLabelText('Batch size'), '50');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    expect(await within(form).findByText('Too big: expected number to be <=100')).toBeTruthy();
    expect(within(form).getByText('Invalid request: strategy.batchSize.percent: Too big (VALIDATION_FAILED)')).toBeTruthy();
    expect(router.state.location.pathname).toBe(`/policies/${policy.id}`);
    // Only the strategy changed, so only the strategy was sent.
    expect(api.sent).toEqual([{ method: 'PATCH', path: `/api/rollout-policies/${policy.id}`, body: { strategy: { ...policy.strategy, batchSize: { percent: 50 } } } }]);
  });

  it('disables, and deletes after a confirmation', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const confirm = vi.spyOn(globalThis, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderApp({ path: '/policies', fetch: api.fetch, me: operator });
    await user.click(await screen.findByRole('button', { name: 'Disable prod ring' }));
    await user.click(screen.getByRole('button', { name: 'Delete prod ring' }));
    expect(confirm).toHaveBeenCalledWith('Delete policy prod ring? The rollouts it created stay.');
    await user.click(screen.getByRole('button', { name: 'Delete prod ring' }));
    await waitFor(() => expect(api.sent).toHaveLength(2));
    expect(api.sent).toEqual([
      { method: 'PATCH', path: `/api/rollout-policies/${policy.id}`, body: { enabled: false } },
      { method: 'DELETE', path: `/api/rollout-policies/${policy.id}`, body: undefined },
    ]);
  });

  it('n opens a new policy for an operator and does nothing for a viewer', async () => {
    const user = userEvent.setup();
    const asViewer = renderApp({ path: '/policies', fetch: fakeApi().fetch, me: viewer });
    await screen.findByRole('link', { name: 'prod ring' });
    await user.keyboard('n?');
    // The help opened by the later key shows the earlier one was handled, and offered nothing.
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).queryByText('New policy')).toBeNull();
    expect(asViewer.router.state.location.pathname).toBe('/policies');
    asViewer.unmount();

    const asOperator = renderApp({ path: '/policies', fetch: fakeApi().fetch, me: operator });
    await screen.findByRole('link', { name: 'prod ring' });
    await user.keyboard('n');
    expect(await screen.findByRole('form', { name: 'New policy' })).toBeTruthy();
    expect(asOperator.router.state.location.pathname).toBe('/policies/new');
  });

  it('shows a viewer every setting of a policy, read-only', async () => {
    renderApp({ path: `/policies/${policy.id}`, fetch: fakeApi().fetch, me: viewer });
    const form = await screen.findByRole('form', { name: 'Policy prod ring' });
    expect((within(form).getByLabelText('Commands (one per line, each must exit 0)') as HTMLTextAreaElement).value).toBe('systemctl is-active app');
    expect(within(form).getByLabelText('Labels').matches(':disabled')).toBe(true);
    expect(within(form).queryByRole('button')).toBeNull();
    expect(within(form).getByRole('link', { name: 'Back to the policies' })).toBeTruthy();
  });
});
