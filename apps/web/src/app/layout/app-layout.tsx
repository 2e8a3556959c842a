import { useMemo, useState } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { KeyboardShortcutsHelp } from '../../components/keyboard-shortcuts-help';
import type { Shortcut } from '../../keyboard/key-sequence';
import { KeyboardShortcutsProvider, useRegisteredShortcuts, useShortcuts } from '../../keyboard/keyboard-shortcuts';
import { NAV_ITEMS } from '../navigation';
import { SideNav } from './side-nav';
import { TopBar } from './top-bar';

function Shell() {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      ...NAV_ITEMS.map((item) => ({
        keys: ['g', item.key],
        description: `Go to ${item.label}`,
        group: 'Navigation',
        run: () => void navigate(item.path),
      })),
      { keys: ['?'], description: 'Show or hide this list', group: 'General', run: () => setHelpOpen((open) => !open) },
    ],
    [navigate],
  );
  useShortcuts(shortcuts);
  const registered = useRegisteredShortcuts();

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar onShowShortcuts={() => setHelpOpen(true)} />
      <SideNav />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      {helpOpen ? <KeyboardShortcutsHelp shortcuts={registered} onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}

/** The frame around every page: top bar with health, left navigation, global keyboard shortcuts. */
export function AppLayout() {
  return (
    <KeyboardShortcutsProvider>
      <Shell />
    </KeyboardShortcutsProvider>
  );
}
