import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { type components, requireData, useApiClient } from '../../api';
import { useEventStream } from '../../components/use-event-stream';
import { JOBS_KEY } from '../fleet/use-hosts';
import type { RolloutCommandName } from './describe-rollout';

export type RolloutSummary = components['schemas']['RolloutListDto']['items'][number];
export type RolloutDetail = components['schemas']['RolloutDetailDto'];
export type RolloutHost = RolloutDetail['hosts'][number];
export type RolloutCreate = components['schemas']['RolloutCreateDto'];
export type RolloutPreview = components['schemas']['RolloutPreviewDto'];

export const ROLLOUTS_KEY = ['rollouts'] as const;
const LIVE_EVENTS = ['rollout.updated', 'rollout.host', 'job.updated'];
// A batch moves many hosts at once: one refetch per burst of phase changes is enough.
const LIVE_DEBOUNCE_MS = 250;

/**
 * Keeps every query under ROLLOUTS_KEY fresh from rollout.* events (and job states for the logs shown).
 * A page that shows no host phases or logs passes just the events it needs.
 */
export function useLiveRollouts(events: readonly string[] = LIVE_EVENTS): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEventStream(
    events,
    useCallback(
      (event: string) => {
        if (event === 'job.updated') return void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ROLLOUTS_KEY }), LIVE_DEBOUNCE_MS);
      },
      [queryClient],
    ),
  );
}

export function useRollouts() {
  const api = useApiClient();
  return useQuery({
    queryKey: [...ROLLOUTS_KEY, 'list'],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/rollouts', { params: { query: { limit: 200 } }, signal })).items,
  });
}

export function useRollout(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...ROLLOUTS_KEY, 'detail', id],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/rollouts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useRolloutMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ROLLOUTS_KEY });
  return {
    preview: useMutation({ mutationFn: async (body: RolloutCreate) => requireData(await api.POST('/api/rollouts/preview', { body })) }),
    create: useMutation({ mutationFn: async (body: RolloutCreate) => requireData(await api.POST('/api/rollouts', { body })), onSuccess: invalidate }),
    command: useMutation({
      mutationFn: async ({ id, command }: { id: string; command: RolloutCommandName }) =>
        requireData(await api.POST(`/api/rollouts/{id}/${command}`, { params: { path: { id } } })),
      onSuccess: invalidate,
    }),
  };
}
