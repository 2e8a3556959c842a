import { quoteArgv } from '../command/quote';
import type { ExecOptions, ExecResult, Executor } from '../transport/executor';

export type FakeReply = Partial<ExecResult> | Error | ((options: ExecOptions) => Partial<ExecResult> | Error);

export interface RecordedCall {
  readonly command: string;
  readonly options: ExecOptions;
}

/**
 * An Executor answering from a script keyed by the quoted command line, for unit tests of code
 * built on the agent. Unscripted commands fail loudly so a test cannot pass by accident.
 */
export class FakeExecutor implements Executor {
  readonly calls: RecordedCall[] = [];
  private readonly replies = new Map<string, FakeReply[]>();

  /** Queues replies for a command; the last one repeats. */
  on(argv: readonly string[], ...replies: FakeReply[]): this {
    this.replies.set(quoteArgv(argv), replies);
    return this;
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const command = quoteArgv(argv);
    this.calls.push({ command, options });
    const queue = this.replies.get(command);
    if (!queue || queue.length === 0) throw new Error(`FakeExecutor: unscripted command: ${command}`);
    const reply = queue.length > 1 ? queue.shift() : queue[0];
    const value = typeof reply === 'function' ? reply(options) : reply;
    if (value instanceof Error) throw value;
    const result: ExecResult = { exitCode: 0, signal: null, stdout: '', stderr: '', ...value };
    for (const line of result.stdout.split('\n').filter(Boolean)) options.onLine?.(line, 'stdout');
    for (const line of result.stderr.split('\n').filter(Boolean)) options.onLine?.(line, 'stderr');
    return result;
  }

  commands(): string[] {
    return this.calls.map((c) => c.command);
  }
}
