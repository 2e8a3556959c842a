/** A failure bootc reports as `error: <message>` on stderr with exit status 1. */
export class BootcError extends Error {
  override readonly name = 'BootcError';
}
