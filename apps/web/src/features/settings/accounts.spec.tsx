import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminMe, type FakeFetch, healthyBody, jsonResponse, renderApp } from '../../test/render-app';

const users = [{ id: '00000000-0000-4000-8000-000000000001', username: 'admin', role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null, passwordChangedAt: '2026-01-01T00:00:00.000Z' }];

function fakeServer(calls: string[]): FakeFetch {
  return async (request) => {
    const path = new URL(request.url).pathname;
    calls.push(`${request.method} ${path}`);
    if (path === '/api/users') return jsonResponse(200, users);
    if (path === '/api/tokens' && request.method === 'POST') {
      return jsonResponse(201, { id: '00000000-0000-4000-8000-0000000000aa', name: 'ci', prefix: 'abcdef012345', role: 'viewer', owner: 'admin', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null, lastUsedAt: null, revokedAt: null, token: 'bft_abcdef012345_SECRETSECRET' });
    }
    if (path === '/api/tokens') return jsonResponse(200, []);
    if (path === '/api/health') return jsonResponse(200, healthyBody);
    return jsonResponse(404, { code: 'NOT_FOUND', message: 'no fake', details: {} });
  };
}

describe('settings: users and API tokens', () => {
  it('shows admins the users with their actions', async () => {
    const calls: string[] = [];
    renderApp({ path: '/settings', fetch: fakeServer(calls) });
    expect(await screen.findByRole('table', { name: 'Users' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add user' })).toBeTruthy();
    expect(calls).toContain('GET /api/users');
  });

  it('hides user management from a viewer and never asks for it', async () => {
    const calls: string[] = [];
    renderApp({ path: '/settings', fetch: fakeServer(calls), me: { ...adminMe, name: 'val', role: 'viewer' } });
    expect(await screen.findByRole('table', { name: 'API tokens' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add user' })).toBeNull();
    expect(calls).not.toContain('GET /api/users');
  });

  it('shows a new API token once, offering only roles up to the creator’s', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/settings', fetch: fakeServer([]), me: { ...adminMe, role: 'operator' } });
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Create API token' }));
    expect(dialog.getAllByRole('option').map((o) => o.textContent)).toEqual(['viewer', 'operator']);
    await user.type(dialog.getByLabelText('Name'), 'ci');
    await user.click(dialog.getByRole('button', { name: 'Create token' }));
    const created = within(await screen.findByRole('dialog', { name: 'API token created' }));
    expect(created.getByLabelText('New API token').textContent).toBe('bft_abcdef012345_SECRETSECRET');
    await user.click(created.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('bft_abcdef012345_SECRETSECRET')).toBeNull();
  });
});
