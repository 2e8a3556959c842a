export type OciErrorCode =
  | 'INVALID_REFERENCE'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_AUTH_FAILED'
  | 'REGISTRY_NOT_FOUND'
  | 'REGISTRY_TLS_FAILED'
  | 'REGISTRY_PROTOCOL'
  | 'DIGEST_MISMATCH'
  | 'NO_MATCHING_PLATFORM';

export class OciError extends Error {
  override readonly name = 'OciError';

  constructor(
    readonly code: OciErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isOciError(error: unknown, code?: OciErrorCode): error is OciError {
  return error instanceof OciError && (code === undefined || error.code === code);
}
