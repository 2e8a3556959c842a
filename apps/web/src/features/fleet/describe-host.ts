import type { StatusTone } from '../../components/status-badge';
import type { AttentionFlag, HostStatus } from './fleet-query';
import type { HostEnroll } from './use-hosts';

export type CredentialKind = HostEnroll['credential']['kind'];

/** How each way of signing in to a host reads in the enroll and import dialogs. */
export const CREDENTIAL_LABEL: Record<CredentialKind, string> = {
  'private-key': 'Private key',
  password: 'Password (used once to install the fleet key)',
  'fleet-key': 'Fleet key already installed',
};

export const STATUS_TONE: Record<HostStatus, StatusTone> = { online: 'ok', unreachable: 'danger', pending: 'neutral' };

/** What each attention flag means for an operator, shown as a tooltip. */
export const ATTENTION_TEXT: Record<AttentionFlag, { label: string; tone: StatusTone; help: string }> = {
  'host-key-changed': { label: 'host key changed', tone: 'danger', help: 'The host presented a different SSH host key. Nothing runs on it until an operator approves the new key.' },
  unreachable: { label: 'unreachable', tone: 'danger', help: 'Several status refreshes in a row could not reach the host over SSH.' },
  'timer-not-masked': { label: 'timer on', tone: 'warning', help: 'bootc-fetch-apply-updates.timer is not masked: the host may update and reboot by itself.' },
  'unexpected-image': { label: 'unexpected image', tone: 'warning', help: 'The booted digest is not the one bootfleet expects on this host.' },
  'running-rollback': { label: 'on rollback', tone: 'warning', help: 'The host booted its rollback deployment.' },
  'staged-awaiting-reboot': { label: 'staged', tone: 'info', help: 'An update is staged and will be used at the next reboot.' },
  'quarantined-revision': { label: 'quarantined', tone: 'danger', help: 'The host runs a revision marked bad.' },
};

/** `sha256:0123456789ab…` → `0123456789ab`: enough to tell revisions apart in a dense table. */
export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return '—';
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** "3 min ago", "2 h ago", or a date when older than a week. */
export function relativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'never';
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 7 * 86_400) return `${Math.floor(seconds / 86_400)} d ago`;
  return new Date(iso).toLocaleDateString();
}

export function describeUptime(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** `k=v` labels as the API wants them; returns the problem instead when a line is not `k=v`. */
export function parseLabels(text: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part}" is not key=value`;
    labels[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return labels;
}

export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
