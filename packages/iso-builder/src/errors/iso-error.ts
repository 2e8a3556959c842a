export type IsoErrorCode =
  | 'NOT_AN_ISO'
  | 'UNSUPPORTED_LAYOUT'
  | 'KICKSTART_TOO_LARGE'
  | 'IMAGE_NOT_FOUND'
  | 'REGISTRY_UNREACHABLE'
  | 'INVALID_HOST'
  | 'INVALID_KERNEL_ARG'
  | 'INVALID_TEMPLATE'
  | 'INVALID_RANGE'
  | 'TOOL_FAILED'
  | 'CHECKSUM_MISMATCH';

/** Every failure this package reports on purpose: a stable code plus what was found. */
export class IsoError extends Error {
  constructor(
    readonly code: IsoErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IsoError';
  }
}
