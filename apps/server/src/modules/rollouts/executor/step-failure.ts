/** Why a host step ended the host's run; stored on the row and shown with the host. */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
