import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { JobState } from '../../generated/prisma/client';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { type JobRow, JobRecordsRepository } from './job-records.repository';

const FLUSH_MS = 200;
const MAX_LINE = 4_000;

interface PendingLog {
  seq: number;
  lines: { jobId: string; seq: number; at: Date; stream: string; line: string }[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * The operator-visible record of work: what was asked, by whom, which step it is in, and its output
 * line by line. Log lines are batched (every 200 ms) and announced on the event bus so that the
 * dashboard can stream them live.
 */
@Injectable()
export class JobRecordsService implements BeforeApplicationShutdown {
  private readonly pending = new Map<string, PendingLog>();
  /** The last progress write of each job: the next one waits for it, so that writes land in the order made. */
  private readonly progressWrites = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repository: JobRecordsRepository,
    private readonly events: EventBus,
  ) {}

  async create(input: { type: string; title: string; hostId?: string | null; actor?: string; params?: object }): Promise<JobRow> {
    const job = await this.repository.create({
      type: input.type,
      title: input.title,
      hostId: input.hostId ?? null,
      actor: input.actor ?? 'system',
      params: input.params ?? {},
    });
    await this.announce(job);
    return job;
  }

  async get(id: string): Promise<JobRow> {
    const job = await this.repository.find(id);
    if (!job) throw new DomainError('not_found', 'JOB_NOT_FOUND', `no job ${id}`);
    return job;
  }

  list(filter: Parameters<JobRecordsRepository['list']>[0]) {
    return this.repository.list(filter);
  }

  logAfter(id: string, afterSeq: number, limit = 1000) {
    return this.repository.log(id, afterSeq, limit);
  }

  /** Marks the job running at `step`; written before the step's work starts. */
  async step(id: string, step: string, progress?: object): Promise<void> {
    const current = await this.get(id);
    const job = await this.repository.update(id, { state: 'running', step, ...(progress ? { progress } : {}), ...(current.startedAt ? {} : { startedAt: new Date() }) });
    this.log(id, `── ${step}`, 'info');
    await this.announce(job);
  }

  /** Records progress; a job's writes land in the order they were made, even when its parallel work makes them at once. */
  async progress(id: string, progress: object): Promise<void> {
    const write = (this.progressWrites.get(id) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => this.announce(await this.repository.update(id, { progress })));
    this.progressWrites.set(id, write);
    try {
      await write;
    } finally {
      if (this.progressWrites.get(id) === write) this.progressWrites.delete(id);
    }
  }

  async finish(id: string, state: Extract<JobState, 'succeeded' | 'failed' | 'cancelled'>, outcome: { result?: object; error?: { code: string; message: string } } = {}): Promise<void> {
    await this.flush(id);
    const job = await this.repository.update(id, {
      state,
      finishedAt: new Date(),
      ...(outcome.result ? { result: outcome.result } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    await this.announce(job);
  }

  /** Appends one output line (kept in order; written in batches). */
  log(id: string, line: string, stream: 'stdout' | 'stderr' | 'info'): void {
    let pending = this.pending.get(id);
    if (!pending) {
      pending = { seq: -1, lines: [], timer: undefined };
      this.pending.set(id, pending);
    }
    pending.lines.push({ jobId: id, seq: 0, at: new Date(), stream, line: line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line });
    pending.timer ??= setTimeout(() => void this.flush(id), FLUSH_MS);
  }

  async flush(id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending || pending.lines.length === 0) return;
    clearTimeout(pending.timer);
    pending.timer = undefined;
    const lines = pending.lines.splice(0);
    // The first flush of this process continues after whatever an earlier process wrote.
    if (pending.seq < 0) pending.seq = await this.repository.lastSeq(id);
    for (const l of lines) l.seq = ++pending.seq;
    await this.repository.appendLog(lines);
    await this.events.publish('job.log', { id, lastSeq: pending.seq });
    if (pending.lines.length === 0 && !pending.timer) this.pending.delete(id);
  }

  private async announce(job: JobRow): Promise<void> {
    await this.events.publish('job.updated', { id: job.id, state: job.state, hostId: job.hostId, step: job.step });
  }

  // After the job handlers stopped (module destroy), before the database closes (application shutdown).
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }
}
