/** A named kind of durable job and its handler. Handlers must be idempotent: re-read state first. */
export interface JobDefinition<T extends object = object> {
  /** Dotted name, e.g. `host.refresh`. */
  name: string;
  handler(data: T, context: JobContext): Promise<unknown>;
  /** Attempts after the first; default 3. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time when retryBackoff is on (default). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A running attempt that takes longer is failed and retried; default 15 minutes. */
  expireInSeconds?: number;
  /** `stately`: at most one queued and one running job per singletonKey. */
  policy?: 'standard' | 'stately' | 'singleton';
  /** Jobs of this kind run at once in one process. */
  concurrency?: number;
}

export interface JobContext {
  jobId: string;
  /** 0 for the first attempt. */
  retryCount: number;
}

export interface EnqueueOptions {
  singletonKey?: string;
  startAfter?: Date;
  retryLimit?: number;
}

export interface CronSchedule {
  name: string;
  /** 5-field cron in UTC unless tz is given. */
  cron: string;
  data?: object;
  tz?: string;
}
