import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';

export type Registry = components['schemas']['RegistryResponseDto_Output'];
export type RegistryCreate = components['schemas']['RegistryCreateDto'];
export type RegistryUpdate = components['schemas']['RegistryUpdateDto'];
export type RegistryDraft = components['schemas']['RegistryDraftDto'];
export type RegistryTestResult = components['schemas']['RegistryTestResultDto_Output'];
export type RegistryPushResult = components['schemas']['RegistryPushResultDto'];

export const REGISTRIES_KEY = ['registries'] as const;
const REGISTRY_EVENTS = ['registry.created', 'registry.updated', 'registry.deleted', 'registry.tested'];

export function useRegistries() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  useEventStream(
    REGISTRY_EVENTS,
    useCallback(() => void queryClient.invalidateQueries({ queryKey: REGISTRIES_KEY }), [queryClient]),
  );
  return useQuery({ queryKey: REGISTRIES_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/registries', { signal })) });
}

export function useRegistryMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: REGISTRIES_KEY });
  return {
    create: useMutation({ mutationFn: async (body: RegistryCreate) => requireData(await api.POST('/api/registries', { body })), onSuccess: invalidate }),
    update: useMutation({
      mutationFn: async ({ id, body }: { id: string; body: RegistryUpdate }) => requireData(await api.PATCH('/api/registries/{id}', { params: { path: { id } }, body })),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/registries/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
    test: useMutation({
      mutationFn: async (id: string) => requireData(await api.POST('/api/registries/{id}/test', { params: { path: { id } } })),
      onSuccess: invalidate,
    }),
    testDraft: useMutation({ mutationFn: async (body: RegistryDraft) => requireData(await api.POST('/api/registries/test', { body })) }),
    /** Writes the registry's credentials (and insecure drop-in) to hosts over SSH; answers once every host has. */
    pushToHosts: useMutation({
      mutationFn: async ({ id, hostIds }: { id: string; hostIds: string[] }) =>
        requireData(await api.POST('/api/registries/{id}/push-to-hosts', { params: { path: { id } }, body: { hostIds } })),
    }),
  };
}
