import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../api';
import { AppProviders } from '../../../app/providers';
import { jsonResponse, TEST_BASE_URL } from '../../../test/render-app';
import type { HostDetail } from '../../fleet/use-hosts';
import { HostActionDialog } from './host-action-dialog';
import type { HostActionKind } from './use-host-actions';

const HOST_ID = '00000000-0000-4000-8000-000000000001';
const JOB_ID = '00000000-0000-4000-8000-0000000000a1';
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const host = { id: HOST_ID, name: 'sim-001', imageId: null, architecture: 'amd64', presentedFingerprint: null } as unknown as HostDetail;

function fakeApi() {
  const previews: URLSearchParams[] = [];
  const posted: { path: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === `/api/hosts/${HOST_ID}/actions/preview`) {
      previews.push(url.searchParams);
      return jsonResponse(200, {
        action: url.searchParams.get('action'),
        hostId: HOST_ID,
        hostName: 'sim-001',
        willBoot: { image: 'reg/os:stable', digest: OLD, version: '1.0' },
        current: { image: 'reg/os:stable', digest: NEW, version: '2.0' },
        reboots: true,
        nextWindow: '2030-01-06T02:00:00.000Z',
        revisionId: null,
        quarantined: false,
      });
    }
    if (request.method === 'POST') {
      posted.push({ path: url.pathname, body: await request.json().catch(() => null) });
      return jsonResponse(202, { hostId: HOST_ID, operationId: '00000000-0000-4000-8000-0000000000b1', jobId: JOB_ID });
    }
    if (url.pathname === `/api/jobs/${JOB_ID}`) {
      return jsonResponse(200, { id: JOB_ID, type: 'host.rollback', title: 'Roll back sim-001', state: 'running', hostId: HOST_ID, actor: 'admin', step: 'rebooting', progress: null, result: null, error: null, params: {}, createdAt: '2030-01-01T00:00:00Z', startedAt: null, finishedAt: null });
    }
    if (url.pathname === `/api/jobs/${JOB_ID}/log`) return jsonResponse(200, { items: [{ seq: 1, at: '2030-01-01T00:00:00Z', stream: 'stdout', line: 'bootc rollback --apply' }] });
    return jsonResponse(404, { code: 'NOT_FOUND', message: url.pathname, details: {} });
  };
  return { fetch, previews, posted };
}

function renderDialog(kind: HostActionKind, api: ReturnType<typeof fakeApi>) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AppProviders apiClient={createApiClient({ baseUrl: TEST_BASE_URL, fetch: api.fetch })} queryClient={queryClient}>
      <MemoryRouter>
        <HostActionDialog host={host} kind={kind} onClose={() => undefined} />
      </MemoryRouter>
    </AppProviders>,
  );
}

describe('host action confirmation', () => {
  it('says which image and digest will boot, then rolls back in the next window with quarantine and shows the job log', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    renderDialog('rollback', api);
    const dialog = screen.getByRole('dialog', { name: 'Roll back sim-001' });
    const preview = await within(dialog).findByRole('region', { name: 'Will boot' });
    expect(preview.textContent).toContain(OLD);
    expect(preview.textContent).toContain('1.0');
    expect(api.previews[0]?.get('action')).toBe('rollback');

    await user.click(within(dialog).getByLabelText('In the next maintenance window'));
    expect(within(dialog).getByText(/in its next window/)).toBeTruthy();
    await user.click(within(dialog).getByLabelText('Quarantine the revision rolled away from'));
    await user.click(within(dialog).getByRole('button', { name: 'Roll back in the next window' }));

    expect(await within(dialog).findByText('bootc rollback --apply')).toBeTruthy();
    expect(api.posted).toEqual([{ path: `/api/hosts/${HOST_ID}/actions/rollback`, body: { when: 'next-window', quarantineRevision: true } }]);
    expect(within(dialog).getByRole('link', { name: 'an operation' }).getAttribute('href')).toBe('/rollouts/00000000-0000-4000-8000-0000000000b1');
  });

  it('keeps the confirm button disabled until the preview has answered, and shows a refused preview', async () => {
    const api = fakeApi();
    const refusing = {
      ...api,
      fetch: async (request: Request) =>
        new URL(request.url).pathname.endsWith('/preview') ? jsonResponse(409, { code: 'NO_ROLLBACK_DEPLOYMENT', message: 'nothing to roll back to', details: {} }) : api.fetch(request),
    };
    renderDialog('reboot', refusing);
    const dialog = screen.getByRole('dialog', { name: 'Reboot sim-001' });
    expect(within(dialog).getByRole('button', { name: 'Reboot' }).hasAttribute('disabled')).toBe(true);
    expect((await within(dialog).findByRole('alert')).textContent).toContain('NO_ROLLBACK_DEPLOYMENT');
    expect(within(dialog).getByRole('button', { name: 'Reboot' }).hasAttribute('disabled')).toBe(true);
    expect(api.posted).toEqual([]);
  });
});
