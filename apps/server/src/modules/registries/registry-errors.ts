import { isOciError, type OciErrorCode } from '@bootfleet/oci';
import { DomainError, type DomainErrorKind } from '../../common/domain-error';

// A malformed name is the caller's mistake; everything else is the registry answering (or not) in a
// way we cannot use, which the request itself could not have avoided.
const KIND_BY_CODE: Record<OciErrorCode, DomainErrorKind> = {
  INVALID_REFERENCE: 'invalid',
  REGISTRY_AUTH_FAILED: 'unprocessable',
  REGISTRY_NOT_FOUND: 'unprocessable',
  REGISTRY_TLS_FAILED: 'unprocessable',
  REGISTRY_UNREACHABLE: 'unprocessable',
  REGISTRY_PROTOCOL: 'unprocessable',
  DIGEST_MISMATCH: 'unprocessable',
  NO_MATCHING_PLATFORM: 'unprocessable',
};

/** An OciError as the API's coded error; anything else is rethrown untouched. */
export function registryDomainError(error: unknown, details: Record<string, unknown> = {}): DomainError {
  if (!isOciError(error)) throw error;
  return new DomainError(KIND_BY_CODE[error.code], error.code, error.message, { ...details, ...(error.status ? { registryStatus: error.status } : {}) });
}

/** `{code, message}` for storing and showing a failure; non-registry errors keep a generic code. */
export function describeRegistryFailure(error: unknown): { code: string; message: string } {
  if (isOciError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}
