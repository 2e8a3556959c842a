import type { StatusTone } from '../../components/status-badge';
import type { Registry, RegistryTestResult } from './use-registries';

export function describeTls(registry: Pick<Registry, 'url' | 'insecure' | 'caPem'>): string {
  if (registry.url.startsWith('http:')) return 'plain HTTP';
  if (registry.insecure) return 'not verified';
  return registry.caPem ? 'custom CA' : 'verified';
}

export function describeAuth(credentials: Registry['credentials']): string {
  if (credentials.kind === 'none') return 'anonymous';
  if (credentials.kind === 'token') return 'token';
  return `user ${credentials.username ?? ''}`.trim();
}

export function describeTestResult(result: Pick<RegistryTestResult, 'ok' | 'latencyMs' | 'error'> | { ok: boolean; latencyMs: number | null; error?: { code: string; message: string } | null }): {
  tone: StatusTone;
  label: string;
  detail: string;
} {
  if (result.ok) return { tone: 'ok', label: 'Reachable', detail: result.latencyMs === null ? 'connected' : `answered in ${result.latencyMs} ms` };
  const error = result.error ?? { code: 'UNKNOWN', message: 'failed' };
  const labels: Record<string, string> = {
    REGISTRY_AUTH_FAILED: 'Credentials refused',
    REGISTRY_UNREACHABLE: 'Unreachable',
    REGISTRY_TLS_FAILED: 'TLS failed',
    REGISTRY_NOT_FOUND: 'Not found',
  };
  return { tone: 'danger', label: labels[error.code] ?? 'Failed', detail: `${error.message} (${error.code})` };
}
