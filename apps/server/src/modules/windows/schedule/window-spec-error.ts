export type WindowSpecErrorCode =
  | 'WINDOW_INVALID_KIND'
  | 'WINDOW_INVALID_CRON'
  | 'WINDOW_INVALID_TIMEZONE'
  | 'WINDOW_INVALID_DURATION'
  | 'WINDOW_INVALID_RANGE'
  | 'WINDOW_TOO_SHORT';

/** Rejected window input; `field` names the offending input property for the API's error details. */
export class WindowSpecError extends Error {
  override readonly name = 'WindowSpecError';

  constructor(
    readonly code: WindowSpecErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
