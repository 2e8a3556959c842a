import type { z } from 'zod';
import type { JobLogRow, JobRow } from './job-records.repository';
import type { jobLogSchema, jobSchema } from './jobs.dto';

type JobView = z.input<typeof jobSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function jobView(job: JobRow): JobView {
  return {
    id: job.id,
    type: job.type,
    title: job.title,
    state: job.state,
    hostId: job.hostId,
    actor: job.actor,
    step: job.step,
    progress: (job.progress as Record<string, unknown> | null) ?? null,
    result: (job.result as Record<string, unknown> | null) ?? null,
    error: (job.error as { code: string; message: string } | null) ?? null,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

export function logView(rows: JobLogRow[]): z.input<typeof jobLogSchema> {
  return { items: rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), stream: r.stream as 'stdout' | 'stderr' | 'info', line: r.line })) };
}
