export const AGENT_ERROR_CODES = [
  'AUTH_FAILED',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_MISMATCH',
  'CONNECT_TIMEOUT',
  'CONNECTION_LOST',
  'COMMAND_TIMEOUT',
  'COMMAND_FAILED',
  'SUDO_REQUIRES_PASSWORD',
  'NOT_BOOTC_HOST',
  'BOOTC_MISSING',
  'PARSE_FAILED',
  'REGISTRY_AUTH_FAILED',
  'NO_ROLLBACK',
  'INVALID_ARGUMENT',
  'CANCELLED',
] as const;

export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number];

// Only transient conditions are worth an automatic retry; everything else needs a human or a changed input.
const RETRYABLE: ReadonlySet<AgentErrorCode> = new Set(['CONNECT_TIMEOUT', 'CONNECTION_LOST', 'COMMAND_TIMEOUT']);

export interface AgentErrorDetails {
  readonly argv?: readonly string[];
  readonly exitCode?: number | null;
  readonly stderr?: string;
  readonly raw?: string;
  readonly presentedFingerprint?: string;
  readonly expectedFingerprint?: string;
  readonly [key: string]: unknown;
}

export class AgentError extends Error {
  readonly code: AgentErrorCode;
  readonly retryable: boolean;
  readonly details: AgentErrorDetails;

  constructor(code: AgentErrorCode, message: string, details: AgentErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentError';
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.details = details;
  }

  toJSON(): { code: AgentErrorCode; message: string; retryable: boolean; details: AgentErrorDetails } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

export function isAgentError(value: unknown, code?: AgentErrorCode): value is AgentError {
  return value instanceof AgentError && (code === undefined || value.code === code);
}

// Patterns are taken from the messages the real tools print (sudo, sh/bash, bootc, containers/image).
// Order matters: the first match wins, most specific first.
const STDERR_PATTERNS: ReadonlyArray<readonly [RegExp, AgentErrorCode]> = [
  [/sudo: (a password is required|a terminal is required to read the password|sorry, you must have a tty)/i, 'SUDO_REQUIRES_PASSWORD'],
  [/(bootc: (command )?not found|exec: "?bootc"?: executable file not found|bootc: No such file or directory)/i, 'BOOTC_MISSING'],
  [/No rollback available/i, 'NO_ROLLBACK'],
  [/(requires an ostree-booted host system|not a bootc (host|system)|Booted deployment not found)/i, 'NOT_BOOTC_HOST'],
  [/(unauthorized|authentication required|denied: requested access|401 Unauthorized|invalid username\/password)/i, 'REGISTRY_AUTH_FAILED'],
];

export function codeFromStderr(stderr: string, exitCode: number | null): AgentErrorCode {
  for (const [pattern, code] of STDERR_PATTERNS) if (pattern.test(stderr)) return code;
  // 127 is the shell's "command not found"; the only command we run without a full path is bootc.
  if (exitCode === 127 && /bootc/.test(stderr)) return 'BOOTC_MISSING';
  return 'COMMAND_FAILED';
}

export function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.find((l) => l.startsWith('error:')) ?? lines[lines.length - 1] ?? '';
}
