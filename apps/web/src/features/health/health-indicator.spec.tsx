import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';

const indicator = () => within(screen.getByRole('status', { name: 'Server health' }));

describe('health indicator', () => {
  it('shows healthy with the server version', async () => {
    const requested: string[] = [];
    renderApp({
      fetch: async (request) => {
        requested.push(new URL(request.url).pathname);
        return jsonResponse(200, { ...healthyBody, version: '9.8.7' });
      },
    });
    expect(await indicator().findByText('Healthy')).toBeTruthy();
    expect(indicator().getByText('v9.8.7')).toBeTruthy();
    expect(requested).toContain('/api/health');
  });

  it('shows the database down when the server answers 503', async () => {
    renderApp({
      fetch: async () =>
        jsonResponse(503, { ...healthyBody, status: 'degraded', database: { up: false, latencyMs: null, error: 'connection refused' } }),
    });
    expect(await indicator().findByText('Database down')).toBeTruthy();
    expect(indicator().queryByText('Healthy')).toBeNull();
    expect(indicator().getByTitle(/connection refused/)).toBeTruthy();
  });

  it('turns red when a later poll fails, and green again when it recovers', async () => {
    let serverUp = true;
    const { queryClient } = renderApp({
      fetch: async () => {
        if (!serverUp) throw new TypeError('Failed to fetch');
        return jsonResponse(200, healthyBody);
      },
    });
    expect(await indicator().findByText('Healthy')).toBeTruthy();
    serverUp = false;
    await queryClient.refetchQueries({ queryKey: ['health'] });
    expect(await indicator().findByText('Server unreachable')).toBeTruthy();
    serverUp = true;
    await queryClient.refetchQueries({ queryKey: ['health'] });
    expect(await indicator().findByText('Healthy')).toBeTruthy();
  });

  it('shows the server unreachable when fetch fails', async () => {
    renderApp({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await indicator().findByText('Server unreachable')).toBeTruthy();
  });
});
