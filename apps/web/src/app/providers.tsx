import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError, type ApiClient, ApiClientProvider } from '../api';

/** Client errors (4xx) will not change on retry; server and network errors get one more try. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: shouldRetry } } });
}

export function AppProviders({ apiClient, queryClient, children }: { apiClient: ApiClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiClientProvider client={apiClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiClientProvider>
  );
}
