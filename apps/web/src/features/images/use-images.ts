import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';

export type Image = components['schemas']['ImageResponseDto_Output'];
export type ImageRevision = components['schemas']['ImageRevisionResponseDto_Output'];
export type ImageCreate = components['schemas']['ImageCreateDto'];
export type RevisionUsage = components['schemas']['RevisionUsageDto']['items'][number];

export const IMAGES_KEY = ['images'] as const;
// Host events move the hosts-per-revision chart; image events move everything else.
const LIVE_EVENTS = ['image.created', 'image.updated', 'image.deleted', 'image.revision', 'host.updated', 'host.deleted', 'host.created'];

/** Keeps every images query fresh from server-sent events (mount once per page). */
export function useLiveImages() {
  const queryClient = useQueryClient();
  useEventStream(
    LIVE_EVENTS,
    useCallback(() => void queryClient.invalidateQueries({ queryKey: IMAGES_KEY }), [queryClient]),
  );
}

export function useImages() {
  const api = useApiClient();
  return useQuery({ queryKey: IMAGES_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/images', { signal })) });
}

export function useImageRevisions(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...IMAGES_KEY, id, 'revisions'],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/images/{id}/revisions', { params: { path: { id } }, signal })),
  });
}

export function useRevisionUsage(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...IMAGES_KEY, id, 'revision-usage'],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/images/{id}/revision-usage', { params: { path: { id } }, signal })).items,
  });
}

export function useImageMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: IMAGES_KEY });
  return {
    create: useMutation({ mutationFn: async (body: ImageCreate) => requireData(await api.POST('/api/images', { body })), onSuccess: invalidate }),
    refresh: useMutation({
      mutationFn: async (id: string) => requireData(await api.POST('/api/images/{id}/refresh', { params: { path: { id } } })),
      onSuccess: invalidate,
    }),
    setInterval: useMutation({
      mutationFn: async ({ id, pollIntervalSeconds }: { id: string; pollIntervalSeconds: number | null }) =>
        requireData(await api.PATCH('/api/images/{id}', { params: { path: { id } }, body: { pollIntervalSeconds } })),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/images/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
  };
}
