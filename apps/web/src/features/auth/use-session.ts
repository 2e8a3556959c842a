import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type components, requireData, useApiClient } from '../../api';
import { type Role, roleAtLeast } from './roles';

export type Me = components['schemas']['MeResponseDto'];

export const SESSION_KEY = ['auth', 'me'] as const;
export const SETUP_KEY = ['auth', 'setup'] as const;

export const isUnauthenticated = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/** Who is signed in; the query fails with a 401 ApiError when nobody is. */
export function useSession() {
  const api = useApiClient();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => requireData(await api.GET('/api/auth/me', { signal })),
    retry: false,
    staleTime: 60_000,
  });
}

export function useSetupStatus(enabled = true) {
  const api = useApiClient();
  return useQuery({ queryKey: SETUP_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/auth/setup', { signal })), enabled });
}

/**
 * Whether the signed-in principal has at least `role`. Use it to hide actions the server would
 * refuse; the server checks every call regardless.
 */
export function useCan(role: Role): boolean {
  const me = useSession().data;
  return me ? roleAtLeast(me.role, role) : false;
}

export function useAuthMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const signedIn = (me: Me) => {
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, me);
  };
  return {
    login: useMutation({
      mutationFn: async (body: components['schemas']['LoginDto']) => requireData(await api.POST('/api/auth/login', { body })),
      onSuccess: signedIn,
    }),
    setup: useMutation({
      mutationFn: async (body: components['schemas']['SetupDto']) => requireData(await api.POST('/api/auth/setup', { body })),
      onSuccess: signedIn,
    }),
    logout: useMutation({
      mutationFn: async () => {
        await api.POST('/api/auth/logout');
      },
      // Whatever the answer (an expired session gives 401), nothing of the old session may stay on screen.
      onSettled: () => queryClient.clear(),
    }),
    changePassword: useMutation({
      mutationFn: async (body: components['schemas']['PasswordChangeDto']) => {
        await api.PUT('/api/auth/password', { body });
      },
    }),
  };
}
