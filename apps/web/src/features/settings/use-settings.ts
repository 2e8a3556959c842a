import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';

export type Settings = components['schemas']['SettingsResponseDto_Output'];

const SETTINGS_KEY = ['settings'] as const;

export function useSettings() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  useEventStream(
    ['settings.updated'],
    useCallback(() => void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }), [queryClient]),
  );
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/settings', { signal })) });
}

export function useUpdateSettings() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Partial<Settings>) => requireData(await api.PUT('/api/settings', { body })),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

export function useFleetKey() {
  const api = useApiClient();
  return useQuery({ queryKey: ['settings', 'fleet-key'], queryFn: async ({ signal }) => requireData(await api.GET('/api/settings/fleet-key', { signal })) });
}
