import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import { EventBus } from '../../../infra/events/event-bus.service';
import { JobQueue } from '../../../infra/jobs/job-queue.service';
import { QUARANTINE_CHANGED } from '../../quarantine';
import { HostRefreshService } from '../host-refresh.service';
import { HostsRepository } from '../hosts.repository';

export const HOST_REFRESH = 'host.refresh';
export const HOSTS_REFRESH_DUE = 'hosts.refresh-due';
const DUE_BATCH = 5_000;
// A refresh that has not been picked up within this time is picked up by the next sweep anyway.
const CLAIM_SECONDS = 120;

/**
 * Status refresh as durable jobs: `host.refresh` (one queued and one running per host across all
 * server processes) and a once-a-minute sweep that queues the hosts whose periodic refresh is due.
 */
@Injectable()
export class HostJobs implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HostJobs.name);
  private subscription: Subscription | undefined;

  constructor(
    private readonly jobs: JobQueue,
    private readonly refresher: HostRefreshService,
    private readonly hosts: HostsRepository,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    jobs.register<{ hostId: string }>({
      name: HOST_REFRESH,
      policy: 'stately',
      concurrency: config.ssh.concurrency,
      // A refresh is cheap and the next sweep retries anyway: one quick retry covers a blip.
      retryLimit: 1,
      retryDelaySeconds: 5,
      expireInSeconds: 10 * 60,
      handler: async ({ hostId }) => ({ outcome: await this.refresher.refresh(hostId) }),
    });
    jobs.register({
      name: HOSTS_REFRESH_DUE,
      policy: 'stately',
      retryLimit: 0,
      handler: async () => ({ queued: await this.queueDue() }),
    });
    jobs.schedule({ name: HOSTS_REFRESH_DUE, cron: '* * * * *' });
  }

  onModuleInit(): void {
    if (!this.config.roles.has('worker')) return;
    this.subscription = this.events.stream(['image.revision', QUARANTINE_CHANGED]).subscribe((event) => {
      if (event.topic === QUARANTINE_CHANGED) {
        const digest = typeof event.data.digest === 'string' ? event.data.digest : null;
        if (digest) void this.refresher.onQuarantineChange(digest).catch((e: Error) => this.logger.warn(`quarantine flags of hosts on ${digest} failed: ${e.message}`));
        return;
      }
      const imageId = typeof event.data.imageId === 'string' ? event.data.imageId : null;
      if (imageId) void this.refresher.onImageRevision(imageId).catch((e: Error) => this.logger.warn(`update check after a new revision failed: ${e.message}`));
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async queueDue(now = new Date()): Promise<number> {
    const due = await this.hosts.dueForRefresh(now, DUE_BATCH);
    if (due.length === 0) return 0;
    // Claim them for a while so that the next sweep does not queue them again before they ran.
    await this.hosts.scheduleNextRefresh(due.map((h) => h.id), new Date(now.getTime() + CLAIM_SECONDS * 1000));
    return this.queue(due.map((h) => h.id));
  }

  /** Queues refreshes and returns how many hosts will be refreshed: a host that already has one queued keeps that one. */
  async queue(hostIds: string[]): Promise<number> {
    await this.jobs.enqueueMany(HOST_REFRESH, hostIds.map((hostId) => ({ data: { hostId }, singletonKey: hostId })));
    return new Set(hostIds).size;
  }
}
