import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { healthyBody, jsonResponse, renderApp } from '../../test/render-app';

const event = {
  id: '00000000-0000-4000-8000-0000000000e1',
  at: '2026-03-01T10:00:00.000Z',
  actorKind: 'user',
  actorId: 'u',
  actor: 'alice',
  action: 'users.create',
  target: null,
  result: 'failure',
  errorCode: 'USERNAME_TAKEN',
  source: '127.0.0.1',
  details: {},
};

describe('audit page', () => {
  it('lists events, filters through the URL and exports with the same filters', async () => {
    const user = userEvent.setup();
    const queries: string[] = [];
    const { router } = renderApp({
      path: '/audit',
      fetch: async (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/api/audit') {
          queries.push(url.search);
          return jsonResponse(200, { items: [event], total: 1 });
        }
        return jsonResponse(200, healthyBody);
      },
    });
    const table = within(await screen.findByRole('table', { name: 'Audit events' }));
    expect(await table.findByText('alice')).toBeTruthy();
    expect(table.getByText('failure: USERNAME_TAKEN')).toBeTruthy();

    await user.type(screen.getByLabelText('Actor'), 'alice');
    await user.selectOptions(screen.getByLabelText('Result'), 'failure');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(router.state.location.search).toBe('?actor=alice&result=failure');
    expect(queries.at(-1)).toContain('actor=alice');
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/audit/export?actor=alice&result=failure&format=csv');
    expect(screen.getByRole('link', { name: 'Export JSON' }).getAttribute('href')).toBe('/api/audit/export?actor=alice&result=failure&format=json');
  });
});
