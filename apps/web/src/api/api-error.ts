/** The body every server error carries (see the server's exception filter). */
export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** A non-2xx answer from the API, with the server's stable error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string';
}

/**
 * Builds the ApiError for a response. A body that is not the server's error shape (a proxy's HTML
 * page, or a documented non-2xx payload such as /api/health's 503) is kept under `details.body`.
 */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(status, body.code, body.message, isRecord(body.details) ? body.details : {});
  }
  const message = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
  return new ApiError(status, `HTTP_${status}`, message, body === undefined ? {} : { body });
}
