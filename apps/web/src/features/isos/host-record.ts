/** The settings an operator fills in once for one host or a batch: everything but the hostname. */
export interface InstallSettings {
  network: 'dhcp';
  disk: 'smallest' | string;
  partitioning: 'autopart' | 'xfs-root';
  timezone: string;
  locale: string;
  keyboard: string;
  userName: string;
  sshKey: string;
}

export const DEFAULT_SETTINGS: InstallSettings = {
  network: 'dhcp',
  disk: 'smallest',
  partitioning: 'autopart',
  timezone: 'UTC',
  locale: 'en_US.UTF-8',
  keyboard: 'us',
  userName: '',
  sshKey: '',
};

/**
 * HOST.json for the server (which validates every field and answers with the path of a bad one).
 * A disk other than "smallest" is a /dev path; a user is added only when named.
 */
export function hostRecord(hostname: string, s: InstallSettings): Record<string, unknown> {
  const disk = s.disk.trim() === '' || s.disk === 'smallest' ? { by: 'smallest' } : { by: 'path', value: s.disk.trim() };
  const keys = s.sshKey
    .split('\n')
    .map((k) => k.trim())
    .filter(Boolean);
  const users = s.userName.trim() ? [{ name: s.userName.trim(), ...(keys.length ? { sshKeys: keys } : {}), groups: ['wheel'] }] : [];
  return {
    hostname: hostname.trim().toLowerCase(),
    network: { mode: s.network },
    disk,
    partitioning: s.partitioning,
    users,
    timezone: s.timezone.trim(),
    locale: s.locale.trim(),
    keyboard: s.keyboard.trim(),
  };
}

/** One host per line: `name` or `name hostname` (the hostname defaults to the name). */
export function parseHostLines(text: string): { name: string; hostname: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name = '', hostname] = line.split(/\s+/);
      return { name, hostname: hostname ?? name };
    });
}

/** "1.2 GB" style sizes for ISO files. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
