import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { fromAgentError } from '../../infra/ssh/agent-errors';
import { HostConnections } from '../../infra/ssh/host-connections.service';
import { EnrollmentService } from './enrollment.service';
import { attentionFlags, storedBootedQuarantined } from './host-observation';
import type { HostEnrollDto, HostListQuery } from './hosts.dto';
import { type HostRow, HostsRepository } from './hosts.repository';
import { HostJobs } from './jobs/host-jobs';

@Injectable()
export class HostsService {
  constructor(
    private readonly hosts: HostsRepository,
    private readonly enrollment: EnrollmentService,
    private readonly connections: HostConnections,
    private readonly jobs: HostJobs,
    private readonly events: EventBus,
  ) {}

  async get(id: string): Promise<HostRow> {
    const host = await this.hosts.find(id);
    if (!host) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${id}`, { id });
    return host;
  }

  async probe(address: string, port: number) {
    try {
      return await this.connections.probe(address, port);
    } catch (error) {
      throw fromAgentError(error, `${address}:${port}`);
    }
  }

  enroll(request: HostEnrollDto): Promise<HostRow> {
    return this.enrollment.enroll(request);
  }

  async update(id: string, changes: { labels?: Record<string, string>; group?: string | null; autoUpdateOptOut?: boolean }): Promise<HostRow> {
    const host = await this.get(id);
    const updated = await this.hosts.update(id, {
      ...changes,
      ...(changes.autoUpdateOptOut !== undefined ? { attention: attentionFlags({ ...host, autoUpdateOptOut: changes.autoUpdateOptOut, bootedQuarantined: storedBootedQuarantined(host) }) } : {}),
    });
    await this.events.publish('host.updated', { id });
    return updated;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.hosts.delete(id))) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${id}`, { id });
    this.connections.evict(id);
    await this.events.publish('host.deleted', { id });
  }

  /**
   * Accepts the key a host now presents (after a reinstall, say). Only the fingerprint the host
   * actually presented can be approved, so a typo cannot pin a wrong key.
   */
  async approveHostKey(id: string, fingerprint: string): Promise<HostRow> {
    const host = await this.get(id);
    if (!host.presentedFingerprint) throw new DomainError('conflict', 'HOST_KEY_NOT_CHANGED', `${host.name} has no changed host key to approve`);
    if (host.presentedFingerprint !== fingerprint) {
      throw new DomainError('conflict', 'HOST_KEY_MISMATCH', `${host.name} presented ${host.presentedFingerprint}, not ${fingerprint}`, { presentedFingerprint: host.presentedFingerprint });
    }
    this.connections.evict(id);
    const updated = await this.hosts.applyRefresh(
      id,
      { hostKeyFingerprint: fingerprint, presentedFingerprint: null, attention: attentionFlags({ ...host, presentedFingerprint: null, bootedQuarantined: storedBootedQuarantined(host) }), nextRefreshAt: new Date() },
      [{ kind: 'host-key', summary: `new host key ${fingerprint} approved`, fromValue: host.hostKeyFingerprint, toValue: fingerprint }],
    );
    if (!updated) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${id}`, { id });
    await this.jobs.queue([id]);
    await this.events.publish('host.updated', { id });
    return updated;
  }

  async refresh(ids: string[]): Promise<number> {
    return this.jobs.queue(ids);
  }

  async refreshMatching(query: HostListQuery | null): Promise<number> {
    const ids = await this.hosts.allRefreshableIds(query);
    return this.jobs.queue(ids.map((h) => h.id));
  }

  async history(id: string, limit: number) {
    await this.get(id);
    return this.hosts.events(id, limit);
  }

  revisionUsage(imageId: string) {
    return this.hosts.revisionUsage(imageId);
  }
}
