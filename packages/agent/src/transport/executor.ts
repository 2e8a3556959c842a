export type OutputStream = 'stdout' | 'stderr';

export interface ExecOptions {
  /** Run as root: prefixes `sudo -n --` when the login user is not root. */
  readonly sudo?: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Receives each complete output line as it arrives (live job logs). */
  readonly onLine?: (line: string, stream: OutputStream) => void;
  /** Written to the command's stdin, which is then closed. */
  readonly stdin?: string | Buffer;
}

export interface ExecResult {
  /** null when the channel closed without an exit status (e.g. the host went down for a reboot). */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The narrow seam between the bootc verbs and SSH, so the verbs are testable with a fake. */
export interface Executor {
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

/** Any structured logger (pino, Nest's) fits: the agent only reports each command at debug level. */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug: () => undefined };
