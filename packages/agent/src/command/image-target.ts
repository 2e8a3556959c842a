import { isOciError, parseImageReference } from '@bootfleet/oci';
import { AgentError } from '../errors';

export const SWITCH_TRANSPORTS = ['registry', 'oci', 'oci-archive', 'containers-storage'] as const;
export type SwitchTransport = (typeof SWITCH_TRANSPORTS)[number];

// An on-host OCI layout or archive: an absolute path, optionally with `:tag`, without shell or
// option-like surprises.
const LOCAL_PATH = /^\/[A-Za-z0-9._/-]+(:[\w][\w.-]{0,127})?$/;

/** Validates a switch target before any command is built; throws INVALID_ARGUMENT. */
export function assertSwitchTarget(ref: string, transport: SwitchTransport): void {
  if (!SWITCH_TRANSPORTS.includes(transport)) {
    throw new AgentError('INVALID_ARGUMENT', `unknown transport ${JSON.stringify(transport)}`, { transport });
  }
  if (transport === 'oci' || transport === 'oci-archive') {
    if (!LOCAL_PATH.test(ref) || ref.split('/').includes('..')) {
      throw new AgentError('INVALID_ARGUMENT', `${transport} target must be an absolute path: ${JSON.stringify(ref)}`, { ref });
    }
    return;
  }
  assertImageReference(ref);
}

export function assertImageReference(ref: string): void {
  try {
    parseImageReference(ref);
  } catch (error) {
    if (isOciError(error)) throw new AgentError('INVALID_ARGUMENT', error.message, { ref }, { cause: error });
    throw error;
  }
}
