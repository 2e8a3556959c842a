import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { DATABASE_URL } from '../prisma/prisma.service';
import type { CronSchedule, EnqueueOptions, JobDefinition } from './job-definition';
import { QueueWorker } from './queue-worker';

const INSERT_CHUNK = 1000;

/**
 * The one place jobs run: pg-boss on bootfleet's own database (schema `pgboss`). Jobs survive
 * restarts, are retried with backoff, and each is fetched by exactly one process (SKIP LOCKED);
 * cron schedules fire once per tick across all processes.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly schedules: CronSchedule[] = [];
  private boss: PgBoss | undefined;
  private readonly workers = new Map<string, QueueWorker>();

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by modules in their constructor or onModuleInit, before the application boots. */
  register<T extends object>(definition: JobDefinition<T>): void {
    if (this.boss) throw new Error(`job ${definition.name} registered after start`);
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  schedule(schedule: CronSchedule): void {
    this.schedules.push(schedule);
  }

  async onApplicationBootstrap(): Promise<void> {
    const runsWorkers = this.config.roles.has('worker');
    const runsScheduler = this.config.roles.has('scheduler');
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: 'pgboss',
      application_name: 'bootfleet-jobs',
      max: Math.max(2, Math.ceil(this.config.dbPoolSize / 4)),
      // Only scheduler processes evaluate cron schedules and run maintenance.
      schedule: runsScheduler,
      supervise: runsScheduler,
    });
    boss.on('error', (err: Error) => this.logger.error(`job queue error: ${err.message}`));
    await boss.start();
    this.boss = boss;

    for (const def of this.definitions.values()) {
      await boss.createQueue(def.name, {
        name: def.name,
        policy: def.policy ?? 'standard',
        retryLimit: def.retryLimit ?? 3,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: def.retryBackoff ?? true,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
      });
      if (runsWorkers) {
        const concurrency = def.concurrency ?? this.config.jobConcurrency;
        const worker = new QueueWorker(boss, def, concurrency, this.logger);
        this.workers.set(def.name, worker);
        worker.start();
      }
    }
    if (runsScheduler) {
      for (const s of this.schedules) {
        if (!this.definitions.has(s.name)) throw new Error(`schedule for unknown job ${s.name}`);
        await boss.schedule(s.name, s.cron, s.data ?? {}, s.tz ? { tz: s.tz } : {});
      }
    }
  }

  /** Returns the job id, or null when a job with the same singletonKey is already queued. */
  async enqueue<T extends object>(name: string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const boss = this.requireStarted();
    const id = await boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
    });
    if (!options.startAfter) this.workers.get(name)?.nudge();
    return id;
  }

  /**
   * Queues many jobs with one statement per thousand, as `enqueue` would one by one (an item whose singletonKey
   * already has a queued job is dropped) but without a round trip each: a fleet-wide refresh queues thousands.
   */
  async enqueueMany<T extends object>(name: string, items: ReadonlyArray<{ data: T; singletonKey?: string }>): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const boss = this.requireStarted();
    // Within one INSERT, PostgreSQL may keep any of two rows with the same key: keep the first, as enqueue would.
    const seen = new Set<string>();
    const jobs = items
      .filter((item) => item.singletonKey === undefined || (!seen.has(item.singletonKey) && seen.add(item.singletonKey)))
      .map((item) => ({ name, data: item.data, ...(item.singletonKey ? { singletonKey: item.singletonKey } : {}) }));
    for (let start = 0; start < jobs.length; start += INSERT_CHUNK) await boss.insert(jobs.slice(start, start + INSERT_CHUNK));
    if (jobs.length) this.workers.get(name)?.nudge();
  }

  async state(id: string, name: string): Promise<string | null> {
    const job = await this.requireStarted().getJobById(name, id);
    return job?.state ?? null;
  }

  private requireStarted(): PgBoss {
    if (!this.boss) throw new Error('job queue not started');
    return this.boss;
  }

  // First phase of shutdown: stop taking jobs and let running handlers finish while the database,
  // SSH connections and the event bus are still open (they close in onApplicationShutdown).
  async onModuleDestroy(): Promise<void> {
    // Let running handlers finish (they are idempotent, so an interrupted one is simply retried).
    await Promise.all([...this.workers.values()].map((w) => w.stop(this.config.shutdownTimeoutMs)));
    this.workers.clear();
    await this.boss?.stop({ graceful: true, wait: true, timeout: this.config.shutdownTimeoutMs });
    this.boss = undefined;
  }
}
