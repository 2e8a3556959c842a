/**
 * Services throw DomainErrors; the global filter turns them into `{code, message, details}`
 * with the HTTP status that fits the kind of failure.
 */
export type DomainErrorKind =
  | 'invalid' // 400: the request itself is wrong
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: the request is valid but the current state refuses it
  | 'unprocessable' // 422: valid request, but a host or registry answered something we cannot use
  | 'too_large' // 413
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a dependency is down

export const KIND_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return KIND_STATUS[this.kind];
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}
