import { ApiError, type components } from '../../api';
import type { StatusTone } from '../../components/status-badge';

export type Health = components['schemas']['HealthResponseDto'];

export interface HealthSummary {
  tone: StatusTone;
  label: string;
  /** Longer explanation for the tooltip. */
  detail: string;
}

function databaseError(error: ApiError): string | undefined {
  const body = error.details.body as Partial<Health> | undefined;
  return body?.database?.error ?? undefined;
}

/** What the top bar says about the server, from the last health answer or failure. Pure. */
export function describeHealth(data: Health | undefined, error: unknown): HealthSummary {
  if (error instanceof ApiError && error.status === 503) {
    return { tone: 'danger', label: 'Database down', detail: `The server cannot reach its database: ${databaseError(error) ?? 'no details'}` };
  }
  if (error instanceof ApiError) {
    return { tone: 'danger', label: 'Server error', detail: `The health check failed: ${error.message}` };
  }
  if (error) {
    return { tone: 'danger', label: 'Server unreachable', detail: `No answer from the server: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!data) return { tone: 'neutral', label: 'Checking…', detail: 'Waiting for the first health check' };
  if (data.status !== 'ok' || !data.database.up) {
    return { tone: 'danger', label: 'Database down', detail: `The server cannot reach its database: ${data.database.error ?? 'no details'}` };
  }
  return {
    tone: 'ok',
    label: 'Healthy',
    detail: `bootfleet ${data.version}, up ${data.uptimeSeconds} s, database ${data.database.latencyMs ?? '?'} ms`,
  };
}
