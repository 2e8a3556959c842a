import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type components, requireData, useApiClient } from '../../api';
import { ROLLOUTS_KEY, useLiveRollouts } from '../rollouts/use-rollouts';

export type Policy = components['schemas']['PolicyViewDto'];
export type PolicyCreate = components['schemas']['PolicyCreateDto'];
export type PolicyUpdate = components['schemas']['PolicyUpdateDto'];

// Under the rollouts' key: what moves a policy (the revision it last acted on) moves with the rollouts it creates.
export const POLICIES_KEY = [...ROLLOUTS_KEY, 'policies'] as const;
// A policy's own changes, and a policy acting on a new revision (shown as the rollout it creates).
const POLICY_EVENTS = ['rollout-policy.updated', 'rollout.updated'];

/** Keeps the policies and the rollouts list (their last rollouts) fresh while a page shows them. */
export function useLivePolicies(): void {
  useLiveRollouts(POLICY_EVENTS);
}

export function usePolicies() {
  const api = useApiClient();
  return useQuery({ queryKey: POLICIES_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/rollout-policies', { signal })).items });
}

export function usePolicyMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
  return {
    create: useMutation({ mutationFn: async (body: PolicyCreate) => requireData(await api.POST('/api/rollout-policies', { body })), onSuccess: invalidate }),
    update: useMutation({
      mutationFn: async ({ id, body }: { id: string; body: PolicyUpdate }) => requireData(await api.PATCH('/api/rollout-policies/{id}', { params: { path: { id } }, body })),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/rollout-policies/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
  };
}
