import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';

export type Image = components['schemas']['ImageResponseDto_Output'];
export type ImageRevision = components['schemas']['ImageRevisionResponseDto_Output'];
export type ImageCreate = components['schemas']['ImageCreateDto'];
export type RevisionUsage = components['schemas']['RevisionUsageDto']['items'][number];

export const IMAGES_KEY = ['images'] as const;
// Host events move the hosts-per-revision chart; image events move everything else.
const LIVE_EVENTS = ['image.created', 'image.updated', 'image.deleted', 'image.revision', 'host.updated', 'host.deleted', 'host.created'];

/** Coalesces refetches: a fleet refreshing thousands of hosts must not refetch once per host. */
const REFETCH_COALESCE_MS = 500;

/**
 * Keeps every images query fresh from server-sent events (mount once per page). Image events refetch
 * all image queries; host events only the hosts-per-revision charts.
 */
export function useLiveImages() {
  const queryClient = useQueryClient();
  const onEvent = useMemo(() => {
    let pending: { all: boolean } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const all = pending?.all ?? false;
      pending = null;
      void queryClient.invalidateQueries({ queryKey: IMAGES_KEY, ...(all ? {} : { predicate: (q) => q.queryKey.includes('revision-usage') }) });
    };
    const handler = (event: string) => {
      const all = !event.startsWith('host.');
      pending = { all: (pending?.all ?? false) || all };
      timer ??= setTimeout(() => {
        timer = undefined;
        flush();
      }, REFETCH_COALESCE_MS);
    };
    return Object.assign(handler, { cancel: () => clearTimeout(timer) });
  }, [queryClient]);
  useEffect(() => onEvent.cancel, [onEvent]);
  useEventStream(LIVE_EVENTS, onEvent);
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
    quarantine: useMutation({
      mutationFn: async ({ imageId, revisionId, reason }: { imageId: string; revisionId: string; reason: string }) =>
        requireData(await api.POST('/api/images/{imageId}/revisions/{revisionId}/quarantine', { params: { path: { imageId, revisionId } }, body: { reason } })),
      onSuccess: invalidate,
    }),
    release: useMutation({
      mutationFn: async ({ imageId, revisionId }: { imageId: string; revisionId: string }) =>
        requireData(await api.DELETE('/api/images/{imageId}/revisions/{revisionId}/quarantine', { params: { path: { imageId, revisionId } } })),
      onSuccess: invalidate,
    }),
  };
}
