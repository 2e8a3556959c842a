import { type AgentErrorCode, isAgentError } from '@bootfleet/agent';
import { DomainError, type DomainErrorKind } from '../../common/domain-error';

// How each failure talking to a host reaches an API client. The agent's codes are kept as the API
// codes: they are precise and documented in packages/agent.
const KINDS: Record<AgentErrorCode, DomainErrorKind> = {
  AUTH_FAILED: 'unprocessable',
  HOST_KEY_UNKNOWN: 'conflict',
  HOST_KEY_MISMATCH: 'conflict',
  CONNECT_TIMEOUT: 'unprocessable',
  CONNECTION_LOST: 'unprocessable',
  COMMAND_TIMEOUT: 'unprocessable',
  COMMAND_FAILED: 'unprocessable',
  SUDO_REQUIRES_PASSWORD: 'unprocessable',
  NOT_BOOTC_HOST: 'unprocessable',
  BOOTC_MISSING: 'unprocessable',
  PARSE_FAILED: 'unprocessable',
  REGISTRY_AUTH_FAILED: 'unprocessable',
  NO_ROLLBACK: 'conflict',
  INVALID_ARGUMENT: 'invalid',
  CANCELLED: 'conflict',
};

const HINTS: Partial<Record<AgentErrorCode, string>> = {
  AUTH_FAILED: 'the host refused the credentials',
  CONNECT_TIMEOUT: 'the host did not answer in time',
  CONNECTION_LOST: 'the host cannot be reached',
  SUDO_REQUIRES_PASSWORD: 'the login user needs password-less sudo (NOPASSWD) for bootc and systemctl',
  NOT_BOOTC_HOST: 'the host is not booted from a bootc image',
  BOOTC_MISSING: 'bootc is not installed on the host',
  HOST_KEY_MISMATCH: 'the host presented a different host key than the one approved',
};

/** Details safe to show: never stdout/stderr dumps, which can hold anything the host printed. */
function safeDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['presentedFingerprint', 'exitCode', 'host'] as const) if (key in details) out[key] = details[key];
  return out;
}

/** An AgentError as a DomainError for the API; anything else is passed through unchanged. */
export function fromAgentError(error: unknown, target: string): unknown {
  if (!isAgentError(error)) return error;
  const hint = HINTS[error.code];
  const message = `${target}: ${hint ? `${hint} (${error.message})` : error.message}`;
  return new DomainError(KINDS[error.code], error.code, message, safeDetails(error.details ?? {}));
}
