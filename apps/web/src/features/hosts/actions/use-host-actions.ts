import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type components, type paths, requireData, useApiClient } from '../../../api';
import { HOSTS_KEY, JOBS_KEY } from '../../fleet/use-hosts';
import { ROLLOUTS_KEY } from '../../rollouts/use-rollouts';

export type ActionPreview = components['schemas']['ActionPreviewDto'];
export type ActionResult = components['schemas']['ActionResultDto'];
export type When = components['schemas']['UpgradeActionDto']['when'];
type PreviewQuery = paths['/api/hosts/{id}/actions/preview']['get']['parameters']['query'];

/** What the operator asks for on one host; `switch` is an upgrade to a chosen revision. */
export type HostActionRequest =
  | { kind: 'check-update' }
  | { kind: 'upgrade'; when: When }
  | { kind: 'switch'; when: When; revisionId: string }
  | { kind: 'rollback'; when: When; quarantineRevision: boolean }
  | { kind: 'reboot'; when: When };

export type HostActionKind = HostActionRequest['kind'];

/** The server's preview query for a request; null when the action boots nothing new (check-update). */
export function previewQuery(request: HostActionRequest): PreviewQuery | null {
  switch (request.kind) {
    case 'check-update':
      return null;
    case 'switch':
      return { action: 'upgrade', revisionId: request.revisionId };
    default:
      return { action: request.kind };
  }
}

/** Which image and digest the host will boot after the action (GET /api/hosts/{id}/actions/preview). */
export function useActionPreview(hostId: string, request: HostActionRequest) {
  const api = useApiClient();
  const query = previewQuery(request);
  return useQuery({
    queryKey: [...HOSTS_KEY, 'action-preview', hostId, query],
    enabled: query !== null && (request.kind !== 'switch' || request.revisionId !== ''),
    queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts/{id}/actions/preview', { params: { path: { id: hostId }, query: query ?? { action: 'reboot' } }, signal })),
  });
}

export function useRunHostAction(hostId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: HostActionRequest): Promise<ActionResult> => {
      const path = { params: { path: { id: hostId } } };
      switch (request.kind) {
        case 'check-update':
          return requireData(await api.POST('/api/hosts/{id}/actions/check-update', path));
        case 'upgrade':
          return requireData(await api.POST('/api/hosts/{id}/actions/upgrade', { ...path, body: { target: { latest: true }, when: request.when } }));
        case 'switch':
          return requireData(await api.POST('/api/hosts/{id}/actions/upgrade', { ...path, body: { target: { revisionId: request.revisionId }, when: request.when } }));
        case 'rollback':
          return requireData(await api.POST('/api/hosts/{id}/actions/rollback', { ...path, body: { when: request.when, quarantineRevision: request.quarantineRevision } }));
        case 'reboot':
          return requireData(await api.POST('/api/hosts/{id}/actions/reboot', { ...path, body: { when: request.when } }));
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: HOSTS_KEY });
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
      void queryClient.invalidateQueries({ queryKey: ROLLOUTS_KEY });
    },
  });
}
