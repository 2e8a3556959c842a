export type KickstartFieldPath = ReadonlyArray<string | number>;

/** The one error this module throws: some input would not render into a safe kickstart. */
export class KickstartError extends Error {
  readonly code = 'KICKSTART_INVALID';

  constructor(
    message: string,
    /** Where the bad value sits, e.g. `['users', 0, 'sshKeys', 1]` or `['options', 'image']`. */
    readonly path: KickstartFieldPath,
  ) {
    super(path.length > 0 ? `${path.join('.')}: ${message}` : message);
    this.name = 'KickstartError';
  }
}
