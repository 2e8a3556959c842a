import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { requireData, useApiClient } from '../../api';
import { StatusBadge, type StatusTone } from '../../components/status-badge';
import { useEventStream } from '../../components/use-event-stream';
import { JOBS_KEY, type Job, type JobLogLine } from '../fleet/use-hosts';

const LOG_PAGE = 1000;
const JOB_TONE: Record<Job['state'], StatusTone> = { queued: 'neutral', running: 'info', succeeded: 'ok', failed: 'danger', cancelled: 'warning' };

/** A job's output, following `job.log` events while it is shown. */
export function JobLog({ job }: { job: Job }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const key = [...JOBS_KEY, 'log', job.id];
  const log = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const lines: JobLogLine[] = [];
      for (;;) {
        const page = requireData(await api.GET('/api/jobs/{id}/log', { params: { path: { id: job.id }, query: { after: lines.at(-1)?.seq ?? 0, limit: LOG_PAGE } }, signal }));
        lines.push(...page.items);
        if (page.items.length < LOG_PAGE) return lines;
      }
    },
  });
  useEventStream(
    ['job.log'],
    useCallback((_event: string, data: Record<string, unknown>) => {
      if (data.id === job.id) void queryClient.invalidateQueries({ queryKey: [...JOBS_KEY, 'log', job.id] });
    }, [job.id, queryClient]),
  );
  return (
    <pre className="job-log" aria-label={`Output of ${job.title}`}>
      {(log.data ?? []).map((l) => (
        <span key={l.seq} className={`job-log__${l.stream}`}>
          {l.line}
          {'\n'}
        </span>
      ))}
      {log.data?.length === 0 ? <span className="muted">no output</span> : null}
    </pre>
  );
}

export function JobStateBadge({ state }: { state: Job['state'] }) {
  return <StatusBadge tone={JOB_TONE[state]}>{state}</StatusBadge>;
}
