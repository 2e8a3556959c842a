/** The left navigation, in order. `key` is the second key of the `g <key>` shortcut. */
export interface NavItem {
  path: string;
  label: string;
  key: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/fleet', label: 'Fleet', key: 'f' },
  { path: '/rollouts', label: 'Rollouts', key: 'r' },
  { path: '/policies', label: 'Policies', key: 'p' },
  { path: '/images', label: 'Images', key: 'i' },
  { path: '/registries', label: 'Registries', key: 'g' },
  { path: '/windows', label: 'Windows', key: 'w' },
  { path: '/isos', label: 'ISOs', key: 'o' },
  { path: '/audit', label: 'Audit', key: 'a' },
  { path: '/settings', label: 'Settings', key: 's' },
];

export const HOME_PATH = '/fleet';
