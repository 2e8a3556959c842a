import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';

export type MaintenanceWindow = components['schemas']['WindowResponseDto_Output'];
export type WindowCreate = components['schemas']['WindowCreateDto'];
export type WindowUpdate = components['schemas']['WindowUpdateDto'];
export type WindowPreviewInput = components['schemas']['WindowPreviewDto'];
export type WindowPreview = components['schemas']['WindowPreviewResponseDto_Output'];

export const WINDOWS_KEY = ['windows'] as const;
// Host changes move host counts; window changes anything on the page.
const WINDOW_EVENTS = ['window.created', 'window.updated', 'window.deleted', 'host.created', 'host.deleted', 'host.updated'];
export const PREVIEW_DEBOUNCE_MS = 300;

export function useWindows() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  useEventStream(
    WINDOW_EVENTS,
    useCallback(() => void queryClient.invalidateQueries({ queryKey: WINDOWS_KEY }), [queryClient]),
  );
  return useQuery({ queryKey: WINDOWS_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/windows', { signal })) });
}

export function useWindowMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: WINDOWS_KEY });
  return {
    create: useMutation({ mutationFn: async (body: WindowCreate) => requireData(await api.POST('/api/windows', { body })), onSuccess: invalidate }),
    update: useMutation({
      mutationFn: async ({ id, body }: { id: string; body: WindowUpdate }) => requireData(await api.PATCH('/api/windows/{id}', { params: { path: { id } }, body })),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/windows/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
  };
}

/** The server's reading of an unsaved window, re-asked a moment after the operator stops typing. */
export function useWindowPreview(input: WindowPreviewInput) {
  const api = useApiClient();
  const key = JSON.stringify(input);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(key), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return useQuery({
    queryKey: ['windows', 'preview', debounced],
    queryFn: async ({ signal }) => requireData(await api.POST('/api/windows/preview', { body: JSON.parse(debounced) as WindowPreviewInput, signal })),
    retry: false,
    placeholderData: (previous) => previous,
  });
}
