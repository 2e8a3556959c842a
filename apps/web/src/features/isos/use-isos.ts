import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type components, requireData, toApiError, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';
import { CSRF_COOKIE, readCookie } from '../auth/csrf';

export type BaseIso = components['schemas']['BaseIsoResponseDto_Output'];
export type IsoTemplate = components['schemas']['TemplateResponseDto_Output'];
export type DownloadLink = components['schemas']['DownloadLinkResponseDto_Output'];
export type TemplateCreate = components['schemas']['TemplateCreateDto'];
export type HostsByIso = components['schemas']['HostsByIsoDto'];

export const ISOS_KEY = ['isos'] as const;
const LIVE_EVENTS = ['iso.updated', 'job.updated', 'reconnected'];

/** Refetches base ISOs and templates when the server reports a change (build progress, new uploads). */
export function useLiveIsos() {
  const queryClient = useQueryClient();
  const onEvent = useMemo(() => () => void queryClient.invalidateQueries({ queryKey: ISOS_KEY }), [queryClient]);
  useEventStream(LIVE_EVENTS, onEvent);
}

export function useBaseIsos() {
  const api = useApiClient();
  return useQuery({ queryKey: [...ISOS_KEY, 'base'], queryFn: async ({ signal }) => requireData(await api.GET('/api/isos/base', { signal })) });
}

export function useTemplates() {
  const api = useApiClient();
  return useQuery({ queryKey: [...ISOS_KEY, 'templates'], queryFn: async ({ signal }) => requireData(await api.GET('/api/isos/templates', { signal })) });
}

/**
 * Uploads with XMLHttpRequest because fetch reports no upload progress. The body is the raw file,
 * streamed by the browser; the server hashes and inspects it as it arrives.
 */
export function uploadBaseIso(file: File, name: string, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<BaseIso> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/isos/base?name=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    const csrf = readCookie(document.cookie, CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as BaseIso);
      else reject(toApiError(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () => reject(new Error('the upload was interrupted'));
    xhr.onabort = () => reject(new Error('upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function useIsoMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ISOS_KEY });
  return {
    register: useMutation({
      mutationFn: async (body: { path: string; name?: string }) => requireData(await api.POST('/api/isos/base/register', { body })),
      onSuccess: invalidate,
    }),
    removeBase: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/isos/base/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
    createTemplate: useMutation({
      mutationFn: async (body: TemplateCreate) => requireData(await api.POST('/api/isos/templates', { body })),
      onSuccess: invalidate,
    }),
    removeTemplate: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/isos/templates/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
    addHosts: useMutation({
      mutationFn: async (body: HostsByIso) => requireData(await api.POST('/api/isos/hosts', { body })),
      onSuccess: () => {
        void invalidate();
        void queryClient.invalidateQueries({ queryKey: ['hosts'] });
      },
    }),
  };
}

export function useHostInstallIso(hostId: string) {
  const api = useApiClient();
  return useMutation({
    mutationFn: async (body: { templateId: string; record: Record<string, unknown> }) =>
      requireData(await api.POST('/api/hosts/{id}/install-iso', { params: { path: { id: hostId } }, body })),
  });
}
