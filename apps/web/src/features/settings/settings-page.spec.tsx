import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';

describe('settings page, general part', () => {
  it('loads the intervals, saves a change and shows a refused value next to its field', async () => {
    const user = userEvent.setup();
    const puts: unknown[] = [];
    renderApp({
      path: '/settings',
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/health') return jsonResponse(200, healthyBody);
        if (path === '/api/settings' && request.method === 'GET') return jsonResponse(200, { refreshIntervalSeconds: 300, imagePollIntervalSeconds: 300 });
        if (path === '/api/settings' && request.method === 'PUT') {
          const body = (await request.json()) as { refreshIntervalSeconds: number; imagePollIntervalSeconds: number };
          puts.push(body);
          if (body.refreshIntervalSeconds < 30) {
            return jsonResponse(400, { code: 'VALIDATION_FAILED', message: 'Invalid request', details: { issues: [{ path: 'refreshIntervalSeconds', message: 'Too small: expected number to be >=30' }] } });
          }
          return jsonResponse(200, body);
        }
        if (path === '/api/settings/fleet-key') return jsonResponse(200, { publicKey: 'ssh-ed25519 AAAAC3Nza bootfleet', fingerprint: 'SHA256:abc', createdAt: '2026-11-22T10:00:00.000Z' });
        return jsonResponse(404, { code: 'NOT_FOUND', message: path, details: {} });
      },
    });
    const general = within(await screen.findByRole('region', { name: 'General settings' }));
    const poll = general.getByLabelText('Image poll interval (seconds)');
    await waitFor(() => expect(poll).toHaveProperty('value', '300'));
    await user.clear(poll);
    await user.type(poll, '900');
    await user.click(general.getByRole('button', { name: 'Save' }));
    expect(await general.findByText('Saved')).toBeTruthy();

    const refresh = general.getByLabelText('Host status refresh (seconds)');
    await user.clear(refresh);
    await user.type(refresh, '5');
    await user.click(general.getByRole('button', { name: 'Save' }));
    expect(await general.findByText('Too small: expected number to be >=30')).toBeTruthy();
    expect(puts).toEqual([
      { refreshIntervalSeconds: 300, imagePollIntervalSeconds: 900 },
      { refreshIntervalSeconds: 5, imagePollIntervalSeconds: 900 },
    ]);

    expect(await screen.findByLabelText('Fleet public key')).toHaveProperty('value', 'ssh-ed25519 AAAAC3Nza bootfleet');
  });
});
