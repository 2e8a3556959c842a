import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/domain-error';
import { JobQueue } from '../../../infra/jobs/job-queue.service';
import { SecretBox } from '../../../infra/secrets';
import { JobRecordsService } from '../../jobs/job-records.service';
import type { HostImportDto, HostImportPreviewDto, HostImportPreviewResponseDto, HostImportResultDto } from '../hosts.dto';
import { HostsRepository } from '../hosts.repository';
import { HostsService } from '../hosts.service';
import { parseInventory } from '../inventory-import';
import { credentialContext, HOSTS_IMPORT, type ImportJobData } from './host-import.job';
import { planImport, withDefaults } from './import-plan';
import { mapLimited } from './map-limited';

// Host-key probes in flight during a preview: enough to read a few hundred hosts in seconds
// without opening hundreds of sockets at once.
const PARALLEL_PROBES = 16;

/** Bulk enrollment: a preview that stores nothing, then one durable job that enrolls every host. */
@Injectable()
export class HostImportService {
  constructor(
    private readonly hosts: HostsService,
    private readonly repository: HostsRepository,
    private readonly records: JobRecordsService,
    private readonly queue: JobQueue,
    private readonly secrets: SecretBox,
  ) {}

  async preview(request: HostImportPreviewDto): Promise<HostImportPreviewResponseDto> {
    const parsed = parseInventory(request.text);
    const existing = await this.existingNames(parsed.hosts.map((h) => h.name));
    const hosts = await mapLimited(parsed.hosts, PARALLEL_PROBES, async (raw) => {
      const host = withDefaults(raw, request.defaults);
      const base = { ...host, exists: existing.has(host.name) };
      if (host.fingerprint) return { ...base, fingerprintSource: 'inventory' as const, probeError: null };
      try {
        const { fingerprint } = await this.hosts.probe(host.address, host.port);
        return { ...base, fingerprint, fingerprintSource: 'probed' as const, probeError: null };
      } catch (error) {
        return { ...base, fingerprint: null, fingerprintSource: 'unreachable' as const, probeError: (error as Error).message };
      }
    });
    return { format: parsed.format, hosts, problems: parsed.problems };
  }

  /** Refuses the whole import, before anything runs, when any host is invalid or its key unapproved. */
  async start(request: HostImportDto, actor: string): Promise<HostImportResultDto> {
    const plan = planImport(parseInventory(request.text), request.defaults, request.approvedFingerprints);
    if (plan.problems.length > 0) {
      throw new DomainError('unprocessable', 'INVENTORY_INVALID', `the inventory has ${plan.problems.length} problem(s); fix them and preview again`, { problems: plan.problems });
    }
    if (plan.unapproved.length > 0) {
      throw new DomainError('unprocessable', 'FINGERPRINT_NOT_APPROVED', `approve the host key of ${plan.unapproved.join(', ')} first`, { names: plan.unapproved });
    }
    if (plan.hosts.length === 0) throw new DomainError('invalid', 'INVENTORY_EMPTY', 'the inventory lists no hosts');
    const record = await this.records.create({
      type: HOSTS_IMPORT,
      title: `Import ${plan.hosts.length} host${plan.hosts.length === 1 ? '' : 's'}`,
      actor,
      params: { hosts: plan.hosts.map((h) => h.name), credentialKind: request.credential.kind },
    });
    const data: ImportJobData = {
      recordId: record.id,
      hosts: plan.hosts,
      sealedCredential: this.secrets.seal(JSON.stringify(request.credential), credentialContext(record.id)),
    };
    await this.queue.enqueue(HOSTS_IMPORT, data);
    return { jobId: record.id, queued: plan.hosts.length };
  }

  private async existingNames(names: string[]): Promise<Set<string>> {
    return new Set((await this.repository.existingNames(names)).map((h) => h.name));
  }
}
