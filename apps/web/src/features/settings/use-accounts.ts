import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type components, requireData, useApiClient } from '../../api';

export type User = components['schemas']['UserResponseDto'];
export type UserCreate = components['schemas']['UserCreateDto'];
export type ApiToken = components['schemas']['TokenResponseDto'];
export type ApiTokenCreate = components['schemas']['TokenCreateDto'];
export type ApiTokenCreated = components['schemas']['TokenCreatedDto'];

const USERS_KEY = ['users'] as const;
const TOKENS_KEY = ['api-tokens'] as const;

export function useUsers(enabled: boolean) {
  const api = useApiClient();
  return useQuery({ queryKey: USERS_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/users', { signal })), enabled });
}

export function useUserMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
  return {
    create: useMutation({ mutationFn: async (body: UserCreate) => requireData(await api.POST('/api/users', { body })), onSuccess: invalidate }),
    setRole: useMutation({
      mutationFn: async ({ id, role }: { id: string; role: User['role'] }) => requireData(await api.PATCH('/api/users/{id}', { params: { path: { id } }, body: { role } })),
      onSuccess: invalidate,
    }),
    resetPassword: useMutation({
      mutationFn: async ({ id, password }: { id: string; password: string }) => {
        await api.PUT('/api/users/{id}/password', { params: { path: { id } }, body: { password } });
      },
    }),
    remove: useMutation({
      mutationFn: async (id: string) => {
        await api.DELETE('/api/users/{id}', { params: { path: { id } } });
      },
      onSuccess: invalidate,
    }),
  };
}

export function useApiTokens() {
  const api = useApiClient();
  return useQuery({ queryKey: TOKENS_KEY, queryFn: async ({ signal }) => requireData(await api.GET('/api/tokens', { signal })) });
}

export function useApiTokenMutations() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
  return {
    create: useMutation({ mutationFn: async (body: ApiTokenCreate) => requireData(await api.POST('/api/tokens', { body })), onSuccess: invalidate }),
    revoke: useMutation({
      mutationFn: async (id: string) => requireData(await api.DELETE('/api/tokens/{id}', { params: { path: { id } } })),
      onSuccess: invalidate,
    }),
  };
}
