import { useQuery } from '@tanstack/react-query';
import { requireData, useApiClient } from '../../api';

export const HEALTH_POLL_MS = 10_000;

/** Polls /api/health; a failure shows at once (no retries) so that the top bar never lags the truth. */
export function useHealth() {
  const api = useApiClient();
  return useQuery({
    queryKey: ['health'],
    queryFn: async ({ signal }) => requireData(await api.GET('/api/health', { signal })),
    refetchInterval: HEALTH_POLL_MS,
    refetchIntervalInBackground: true,
    retry: false,
  });
}
