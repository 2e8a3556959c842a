import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type components, enumValues, type paths, requireData, useApiClient } from '../../api';

export type AuditEvent = components['schemas']['AuditPageDto']['items'][number];
export type AuditResult = AuditEvent['result'];
/** The list's query without its paging. */
export type AuditFilters = Omit<NonNullable<paths['/api/audit']['get']['parameters']['query']>, 'offset' | 'limit'>;
export type AuditExportFormat = NonNullable<NonNullable<paths['/api/audit/export']['get']['parameters']['query']>['format']>;

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_FILTER_NAMES = enumValues<keyof AuditFilters>()(['actor', 'action', 'target', 'result', 'from', 'to']);
export const AUDIT_RESULTS = enumValues<AuditResult>()(['success', 'failure', 'denied']);

/** Filters as the URL holds them (so a filtered view can be bookmarked and shared). */
export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of AUDIT_FILTER_NAMES) {
    const value = params.get(name);
    if (value) (filters as Record<string, string>)[name] = value;
  }
  return filters;
}

/** The export link for the same filters: the browser downloads it with the session cookie. */
export function exportHref(filters: AuditFilters, format: AuditExportFormat): string {
  const query = new URLSearchParams({ ...(filters as Record<string, string>), format });
  return `/api/audit/export?${query.toString()}`;
}

export function useAuditEvents(filters: AuditFilters, offset: number) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/audit', { params: { query: { ...filters, offset, limit: AUDIT_PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });
}
