import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';
import { IMAGES_KEY } from '../images/use-images';
import type { HostListQuery } from './fleet-query';

export type HostSummary = components['schemas']['HostPageDto']['items'][number];
export type HostDetail = components['schemas']['HostDetailDto'];
export type HostEnroll = components['schemas']['HostEnrollDto'];
export type HostUpdate = components['schemas']['HostUpdateDto'];
export type ImportPreviewRequest = components['schemas']['HostImportPreviewDto'];
export type ImportPreview = components['schemas']['HostImportPreviewResponseDto'];
export type ImportRequest = components['schemas']['HostImportDto'];
export type Job = components['schemas']['JobDto'];
export type JobLogLine = components['schemas']['JobLogDto']['items'][number];

export const HOSTS_KEY = ['hosts'] as const;
export const JOBS_KEY = ['jobs'] as const;
const HOST_EVENTS = ['host.created', 'host.updated', 'host.deleted'];
const JOB_EVENTS = ['job.updated'];
// Hosts change in bursts (a refresh of the whole fleet): one refetch per burst is enough.
const LIVE_DEBOUNCE_MS = 300;

/** Calls `fn` once, `ms` after the last of a burst of calls. */
function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
}

/** Keeps every host query (list pages and details) fresh from host.* and job.* events. */
export function useLiveHosts(): void {
  const queryClient = useQueryClient();
  const refetchHosts = useDebounced(() => void queryClient.invalidateQueries({ queryKey: HOSTS_KEY }), LIVE_DEBOUNCE_MS);
  const refetchJobs = useDebounced(() => void queryClient.invalidateQueries({ queryKey: JOBS_KEY }), LIVE_DEBOUNCE_MS);
  useEventStream(
    [...HOST_EVENTS, ...JOB_EVENTS],
    useCallback(
      (event: string) => {
        if (event.startsWith('job.')) refetchJobs();
        else refetchHosts();
        if (event === 'reconnected') refetchJobs();
      },
      [refetchHosts, refetchJobs],
    ),
  );
}

export function useHostPage(query: HostListQuery) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...HOSTS_KEY, 'list', query],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts', { params: { query }, signal })),
    // The table keeps its rows while the next page or sort loads instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** Tracked images for the image filter, fetched only once the filter is opened (a faster first render). */
export function useImageChoices(enabled: boolean) {
  const api = useApiClient();
  return useQuery({ queryKey: IMAGES_KEY, enabled, queryFn: async ({ signal }) => requireData(await api.GET('/api/images', { signal })) });
}

export function useHost(id: string) {
  const api = useApiClient();
  return useQuery({ queryKey: [...HOSTS_KEY, 'detail', id], queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts/{id}', { params: { path: { id } }, signal })) });
}

export function useHostHistory(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...HOSTS_KEY, 'history', id],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/hosts/{id}/history', { params: { path: { id } }, signal })).items,
  });
}

export function useHostJobs(hostId: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...JOBS_KEY, 'host', hostId],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/jobs', { params: { query: { hostId, pageSize: 20 } }, signal })).items,
  });
}

export function useJob(id: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...JOBS_KEY, 'detail', id],
    enabled: id !== null,
    queryFn: async ({ signal }) => requireData(await api.GET('/api/jobs/{id}', { params: { path: { id: id as string } }, signal })),
  });
}

export function useHostMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: HOSTS_KEY });
  return {
    probe: useMutation({ mutationFn: async (body: { address: string; port: number }) => requireData(await api.POST('/api/hosts/probe', { body })) }),
    enroll: useMutation({ mutationFn: async (body: HostEnroll) => requireData(await api.POST('/api/hosts', { body })), onSuccess: invalidate }),
    update: useMutation({
      mutationFn: async ({ id, body }: { id: string; body: HostUpdate }) => requireData(await api.PATCH('/api/hosts/{id}', { params: { path: { id } }, body })),
      onSuccess: invalidate,
    }),
    refresh: useMutation({ mutationFn: async (id: string) => requireData(await api.POST('/api/hosts/{id}/refresh', { params: { path: { id } } })) }),
    refreshAll: useMutation({ mutationFn: async () => requireData(await api.POST('/api/hosts/refresh')) }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/hosts/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
    approveHostKey: useMutation({
      mutationFn: async ({ id, fingerprint }: { id: string; fingerprint: string }) =>
        requireData(await api.POST('/api/hosts/{id}/approve-host-key', { params: { path: { id } }, body: { fingerprint } })),
      onSuccess: invalidate,
    }),
    importPreview: useMutation({ mutationFn: async (body: ImportPreviewRequest) => requireData(await api.POST('/api/hosts/import/preview', { body })) }),
    importStart: useMutation({ mutationFn: async (body: ImportRequest) => requireData(await api.POST('/api/hosts/import', { body })) }),
  };
}
