import type { StatusTone } from '../../components/status-badge';
import type { HostSummary } from '../fleet/use-hosts';
import type { Registry, RegistryPushResult } from './use-registries';

/** What pushing a registry to hosts writes on them, or why there is nothing bootfleet can push. */
export type PushSupport = { pushable: true; writes: string } | { pushable: false; reason: string };

/** Mirrors the server's push: user/password to auth.json, an insecure drop-in for plain HTTP or unverified TLS. */
export function pushSupport(registry: Pick<Registry, 'url' | 'insecure' | 'credentials'>): PushSupport {
  const insecure = registry.insecure || registry.url.startsWith('http:');
  const dropIn = 'an insecure-registry drop-in';
  if (registry.credentials.kind === 'token') return { pushable: false, reason: 'hosts take user/password credentials: a token cannot be written to /etc/ostree/auth.json' };
  if (registry.credentials.kind === 'basic') {
    const auth = `the credentials of user ${registry.credentials.username ?? ''} to /etc/ostree/auth.json`;
    return { pushable: true, writes: insecure ? `${auth} and ${dropIn}` : auth };
  }
  return insecure ? { pushable: true, writes: dropIn } : { pushable: false, reason: 'anonymous over verified TLS: hosts need nothing from bootfleet to pull' };
}

/**
 * Why a host cannot take a push, or null. The server refuses the whole request when any chosen host
 * is not enrolled or presents a changed key, so such hosts are not offered.
 */
export function unpushableReason(host: Pick<HostSummary, 'status' | 'presentedFingerprint'>): string | null {
  if (host.status === 'pending') return 'not enrolled yet';
  if (host.presentedFingerprint) return 'host key changed: approve it first';
  return null;
}

type PushOutcome = RegistryPushResult['results'][number];

export function describePushOutcome(outcome: PushOutcome): { tone: StatusTone; label: string; detail: string } {
  if (outcome.ok) return { tone: 'ok', label: 'written', detail: '' };
  const error = outcome.error ?? { code: 'UNKNOWN', message: 'failed' };
  return { tone: 'danger', label: error.code, detail: error.message };
}

/** `2 written, 1 failed`: the dialog's one-line answer before the per-host list. */
export function summarizePush(results: readonly PushOutcome[]): string {
  const failed = results.filter((r) => !r.ok).length;
  const written = `${results.length - failed} written`;
  return failed ? `${written}, ${failed} failed` : written;
}
