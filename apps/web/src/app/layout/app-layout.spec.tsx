import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app';
import { NAV_ITEMS } from '../navigation';

const mainNav = () => within(screen.getByRole('navigation', { name: 'Main' }));

describe('app layout', () => {
  it('shows every navigation item and redirects / to the fleet', async () => {
    const { router } = renderApp({ path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Fleet' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/fleet');
    const links = mainNav().getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(NAV_ITEMS.map((i) => `${i.label}g ${i.key}`));
    expect(mainNav().getByRole('link', { name: /Fleet/ }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('routes each navigation item to its page', async () => {
    const user = userEvent.setup();
    const { router } = renderApp({ path: '/fleet' });
    for (const item of NAV_ITEMS) {
      await user.click(mainNav().getByRole('link', { name: new RegExp(`^${item.label}`) }));
      expect(await screen.findByRole('heading', { level: 1, name: item.label })).toBeTruthy();
      expect(router.state.location.pathname).toBe(item.path);
      expect(mainNav().getByRole('link', { name: new RegExp(`^${item.label}`) }).getAttribute('aria-current')).toBe('page');
      expect(document.title).toBe(`${item.label} · bootfleet`);
    }
  });

  it('shows a not-found page for unknown routes', async () => {
    renderApp({ path: '/no/such/page' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('Nothing lives at /no/such/page')).toBeTruthy();
  });
});

describe('keyboard shortcuts', () => {
  it('g f goes to the fleet and g g to registries', async () => {
    const user = userEvent.setup();
    const { router } = renderApp({ path: '/audit' });
    await screen.findByRole('heading', { level: 1, name: 'Audit' });
    await user.keyboard('gf');
    await waitFor(() => expect(router.state.location.pathname).toBe('/fleet'));
    await user.keyboard('gg');
    await waitFor(() => expect(router.state.location.pathname).toBe('/registries'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Registries' })).toBeTruthy();
  });

  it('ignores keys typed into a field', async () => {
    const user = userEvent.setup();
    const { router } = renderApp({ path: '/audit' });
    await screen.findByRole('heading', { level: 1, name: 'Audit' });
    const input = document.createElement('input');
    screen.getByRole('main').append(input);
    await user.click(input);
    await user.keyboard('gf');
    expect(router.state.location.pathname).toBe('/audit');
    expect(input.value).toBe('gf');
  });

  it('? lists the shortcuts and Escape closes the list', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/fleet' });
    await screen.findByRole('heading', { level: 1, name: 'Fleet' });
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const item of NAV_ITEMS) expect(within(dialog).getByText(`Go to ${item.label}`)).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
