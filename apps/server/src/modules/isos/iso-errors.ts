import { IsoError, KickstartError } from '@bootfleet/iso-builder';
import { DomainError, type DomainErrorKind } from '../../common/domain-error';

const KIND: Record<IsoError['code'], DomainErrorKind> = {
  NOT_AN_ISO: 'unprocessable',
  UNSUPPORTED_LAYOUT: 'unprocessable',
  KICKSTART_TOO_LARGE: 'unprocessable',
  IMAGE_NOT_FOUND: 'unprocessable',
  REGISTRY_UNREACHABLE: 'unprocessable',
  INVALID_HOST: 'invalid',
  INVALID_KERNEL_ARG: 'invalid',
  INVALID_TEMPLATE: 'conflict',
  INVALID_RANGE: 'invalid',
  TOOL_FAILED: 'unprocessable',
  CHECKSUM_MISMATCH: 'unprocessable',
};

/** The package's typed failures as domain errors with the same code; anything else is rethrown. */
export function fromIsoError(error: unknown): unknown {
  if (error instanceof IsoError) return new DomainError(KIND[error.code], error.code, error.message, error.details);
  if (error instanceof KickstartError) return new DomainError('invalid', 'INVALID_HOST_RECORD', error.message, { path: error.path });
  return error;
}

/** `{code, message}` for storing on a row (failed upload, failed build). */
export function failureOf(error: unknown): { code: string; message: string } {
  const mapped = fromIsoError(error);
  if (mapped instanceof DomainError) return { code: mapped.code, message: mapped.message };
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}
