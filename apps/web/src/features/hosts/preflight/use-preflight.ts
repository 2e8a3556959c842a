import { useMutation } from '@tanstack/react-query';
import { type components, requireData, useApiClient } from '../../../api';

export type PreflightResult = components['schemas']['PreflightResultDto'];
export type PreflightCheck = PreflightResult['checks'][number];

/** Asks the server whether the host can pull the image (POST /api/hosts/{id}/preflight); changes nothing. */
export function usePreflight(hostId: string) {
  const api = useApiClient();
  return useMutation({
    mutationFn: async (imageId: string) => requireData(await api.POST('/api/hosts/{id}/preflight', { params: { path: { id: hostId } }, body: { imageId } })),
  });
}
