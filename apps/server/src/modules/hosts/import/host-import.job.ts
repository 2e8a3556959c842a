import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/domain-error';
import { JobQueue } from '../../../infra/jobs/job-queue.service';
import { SecretBox } from '../../../infra/secrets';
import { JobRecordsService } from '../../jobs/job-records.service';
import type { HostEnrollDto } from '../hosts.dto';
import { HostsService } from '../hosts.service';
import type { PlannedHost } from './import-plan';
import { mapLimited } from './map-limited';

export const HOSTS_IMPORT = 'hosts.import';
// Enrollments of one import in flight at once: each is a few SSH round trips to a different host.
const PARALLEL_ENROLLMENTS = 8;

export interface ImportJobData {
  recordId: string;
  hosts: PlannedHost[];
  /** The enrollment credential as JSON, sealed under credentialContext(recordId). */
  sealedCredential: string;
}

export interface ImportHostResult {
  name: string;
  outcome: 'enrolled' | 'exists' | 'failed';
  hostId: string | null;
  code: string | null;
  message: string | null;
}

export function credentialContext(recordId: string): string {
  return `host-import:${recordId}:credential`;
}

interface ImportProgress {
  total: number;
  done: number;
  results: ImportHostResult[];
}

/**
 * Enrolls the hosts of a bulk import as one durable job. Each host's outcome goes into the job
 * record's progress as soon as it is known, so a retry (or a restart) skips the hosts already done.
 */
@Injectable()
export class HostImportJob {
  constructor(
    jobs: JobQueue,
    private readonly hosts: HostsService,
    private readonly records: JobRecordsService,
    private readonly secrets: SecretBox,
  ) {
    jobs.register<ImportJobData>({
      name: HOSTS_IMPORT,
      policy: 'standard',
      concurrency: 2,
      retryLimit: 2,
      expireInSeconds: 60 * 60,
      handler: (data) => this.run(data),
    });
  }

  async run(data: ImportJobData): Promise<{ enrolled: number; failed: number }> {
    const record = await this.records.get(data.recordId);
    const earlier = (record.progress as Partial<ImportProgress> | null)?.results ?? [];
    if (record.finishedAt) return summary(earlier);
    const credential = JSON.parse(this.secrets.open(data.sealedCredential, credentialContext(data.recordId))) as HostEnrollDto['credential'];
    const results = new Map(earlier.map((r) => [r.name, r]));
    const progress = (): ImportProgress => ({ total: data.hosts.length, done: results.size, results: [...results.values()] });
    await this.records.step(data.recordId, `enrolling ${data.hosts.length} hosts`, progress());

    const pending = data.hosts.filter((h) => !results.has(h.name));
    await mapLimited(pending, PARALLEL_ENROLLMENTS, async (host) => {
      const result = await this.enrollOne(host, credential);
      results.set(host.name, result);
      this.records.log(data.recordId, `${host.name}: ${result.outcome}${result.message ? ` (${result.message})` : ''}`, result.outcome === 'failed' ? 'stderr' : 'stdout');
      await this.records.progress(data.recordId, progress());
    });

    const final = progress();
    const counts = summary(final.results);
    await this.records.finish(
      data.recordId,
      counts.failed === 0 ? 'succeeded' : 'failed',
      counts.failed === 0 ? { result: final } : { result: final, error: { code: 'IMPORT_INCOMPLETE', message: `${counts.failed} of ${final.total} hosts could not be enrolled` } },
    );
    return counts;
  }

  private async enrollOne(host: PlannedHost, credential: HostEnrollDto['credential']): Promise<ImportHostResult> {
    try {
      const enrolled = await this.hosts.enroll({ ...host, credential, autoUpdateOptOut: false });
      return { name: host.name, outcome: 'enrolled', hostId: enrolled.id, code: null, message: null };
    } catch (error) {
      if (error instanceof DomainError) {
        return { name: host.name, outcome: error.code === 'HOST_EXISTS' ? 'exists' : 'failed', hostId: null, code: error.code, message: error.message };
      }
      return { name: host.name, outcome: 'failed', hostId: null, code: 'INTERNAL', message: (error as Error).message };
    }
  }
}

function summary(results: ImportHostResult[]): { enrolled: number; failed: number } {
  return { enrolled: results.filter((r) => r.outcome === 'enrolled').length, failed: results.filter((r) => r.outcome === 'failed').length };
}
