export { AgentError, AGENT_ERROR_CODES, codeFromStderr, isAgentError } from './errors';
export type { AgentErrorCode, AgentErrorDetails } from './errors';
export { quoteArg, quoteArgv } from './command/quote';
export { parseBootcStatus } from './status/parse-bootc-status';
export type { BootcStatus, CachedUpdate, Slot } from './status/bootc-status';
