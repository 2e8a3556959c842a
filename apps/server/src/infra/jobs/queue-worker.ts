import type { Logger } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { JobDefinition } from './job-definition';

const IDLE_POLL_MS = 250;

/**
 * Fetches jobs of one queue and runs up to `concurrency` of them at once, completing or failing
 * each one on its own (pg-boss's batch handlers would fail a whole batch together).
 */
export class QueueWorker {
  private active = 0;
  private stopping = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly boss: PgBoss,
    private readonly definition: JobDefinition,
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Fetch now rather than at the next poll: a job was just queued or a slot freed up. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.active;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await this.boss.fetch<object>(this.definition.name, { batchSize: free, includeMetadata: true });
          fetched = jobs?.length ?? 0;
          for (const job of jobs ?? []) this.execute(job);
        } catch (err) {
          if (!this.stopping) this.logger.error(`fetching ${this.definition.name} failed: ${(err as Error).message}`);
        }
      }
      if (fetched === 0 || this.active >= this.concurrency) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      this.wake = done;
    });
  }

  private execute(job: PgBoss.JobWithMetadata<object>): void {
    this.active++;
    const name = this.definition.name;
    const run = (async () => {
      try {
        const output = await this.definition.handler(job.data, { jobId: job.id, retryCount: job.retryCount });
        await this.boss.complete(name, job.id, output && typeof output === 'object' ? (output as object) : { value: output ?? null });
      } catch (err) {
        const error = err as Error;
        this.logger.warn(`job ${name} ${job.id} failed (attempt ${job.retryCount + 1}): ${error.message}`);
        await this.boss.fail(name, job.id, { message: error.message, code: (error as { code?: unknown }).code ?? null }).catch(() => undefined);
      } finally {
        this.active--;
        this.nudge();
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Stops fetching and waits for running handlers, up to the timeout. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
