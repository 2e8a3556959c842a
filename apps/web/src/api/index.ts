export { ApiError, type ErrorBody, toApiError } from './api-error';
export { type ApiClient, type ApiClientOptions, apiErrorMiddleware, createApiClient, requireData } from './client';
export { ApiClientProvider, useApiClient } from './api-client-context';
export { enumValues } from './enum-values';
export type { components, paths } from './schema';
