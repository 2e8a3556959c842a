import { isAgentError } from '@bootfleet/agent';
import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { EventBus } from '../../infra/events/event-bus.service';
import { HostConnections } from '../../infra/ssh/host-connections.service';
import { ImagesService } from '../images/images.service';
import { QuarantineService } from '../quarantine';
import { SettingsService } from '../settings/settings.service';
import { attentionFlags, changesBetween, type HostEventDraft, isRollbackSwap, observe, storedBootedQuarantined } from './host-observation';
import { type HostRow, HostsRepository } from './hosts.repository';
import { nextRefreshAt, reachabilityAfterFailure } from './refresh-schedule';

export type RefreshOutcome = 'refreshed' | 'unreachable' | 'host-key-changed' | 'skipped';

/**
 * Reads a host's real state (bootc status, facts, auto-update timer) and stores what changed, with a
 * history entry for each change. Re-masks the timer unless the host opted out. Idempotent: running
 * it twice in a row records nothing the second time.
 */
@Injectable()
export class HostRefreshService {
  private readonly logger = new Logger(HostRefreshService.name);

  constructor(
    private readonly hosts: HostsRepository,
    private readonly connections: HostConnections,
    private readonly images: ImagesService,
    private readonly quarantine: QuarantineService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
  ) {}

  async refresh(hostId: string): Promise<RefreshOutcome> {
    const host = await this.hosts.find(hostId);
    // Deleted, not yet enrolled, or blocked until an operator re-approves its key.
    if (!host || host.status === 'pending' || host.presentedFingerprint) return 'skipped';
    const now = new Date();
    const { refreshIntervalSeconds } = await this.settings.get();
    const next = nextRefreshAt(now, refreshIntervalSeconds);
    try {
      const seen = await this.connections.withHost(host, async ({ bootc }) => {
        // Independent reads: run together on the one connection (one round trip of latency, not three).
        const [status, facts, found] = await Promise.all([bootc.status(), bootc.facts(), bootc.autoUpdates.state()]);
        const remasked = !found.masked && !host.autoUpdateOptOut;
        const timer = remasked ? await bootc.autoUpdates.mask() : found;
        return { status, facts, timer: timer.enablement, remasked };
      });
      await this.applySuccess(host, seen, now, next);
      return 'refreshed';
    } catch (error) {
      if (isAgentError(error) && error.code === 'HOST_KEY_MISMATCH') {
        await this.applyKeyChange(host, String(error.details.presentedFingerprint ?? 'unknown'), now, next);
        return 'host-key-changed';
      }
      await this.applyFailure(host, error, now, next);
      return 'unreachable';
    }
  }

  private async applySuccess(
    host: HostRow,
    seen: { status: Parameters<typeof observe>[0]; facts: Parameters<typeof observe>[1]; timer: string; remasked: boolean },
    now: Date,
    next: Date,
  ): Promise<void> {
    const after = observe(seen.status, seen.facts, seen.timer);
    const before = { ...host, onRollback: host.onRollback };
    const events: HostEventDraft[] = changesBetween(before, after);
    if (seen.remasked) events.push({ kind: 'timer', summary: 'auto-update timer was not masked: masked it again', fromValue: host.timerState, toValue: seen.timer });
    if (host.status === 'unreachable') events.push({ kind: 'reachability', summary: 'reachable again', fromValue: 'unreachable', toValue: 'online' });

    // A rollback swap (ours or not) puts the host on its former deployment until it moves forward again.
    const bootedChanged = host.bootedDigest !== after.bootedDigest;
    const onRollback = bootedChanged ? isRollbackSwap(before, after) : host.onRollback;
    const image = after.specImage ? await this.images.findByReference(after.specImage) : null;
    const current = image ? await this.images.currentDigest(image.id, after.architecture) : null;
    const expectedDigest = host.expectedDigest ?? after.bootedDigest;
    const bootedQuarantined = after.bootedDigest !== null && (await this.quarantine.isQuarantined(after.bootedDigest));
    const data: Prisma.HostUncheckedUpdateInput = {
      ...after,
      bootc: seen.status as object,
      facts: seen.facts as object,
      status: 'online',
      consecutiveFailures: 0,
      lastError: Prisma.DbNull,
      lastSeenAt: now,
      lastRefreshAt: now,
      nextRefreshAt: next,
      onRollback,
      expectedDigest,
      imageId: image?.id ?? null,
      updateAvailable: current !== null && after.bootedDigest !== null && current !== after.bootedDigest,
      attention: attentionFlags({ ...host, ...after, status: 'online', onRollback, expectedDigest, presentedFingerprint: null, bootedQuarantined }),
    };
    await this.hosts.applyRefresh(host.id, data, events);
    await this.events.publish('host.updated', { id: host.id });
  }

  private async applyKeyChange(host: HostRow, presented: string, now: Date, next: Date): Promise<void> {
    this.connections.evict(host.id);
    this.logger.warn(`host ${host.name} presented host key ${presented}, not the pinned ${host.hostKeyFingerprint}: actions blocked`);
    await this.hosts.applyRefresh(
      host.id,
      {
        presentedFingerprint: presented,
        lastRefreshAt: now,
        nextRefreshAt: next,
        lastError: { code: 'HOST_KEY_MISMATCH', message: `presented ${presented}`, at: now.toISOString() },
        attention: attentionFlags({ ...host, presentedFingerprint: presented, bootedQuarantined: storedBootedQuarantined(host) }),
      },
      [{ kind: 'host-key', summary: `host key changed to ${presented}: all actions blocked until approved`, fromValue: host.hostKeyFingerprint, toValue: presented }],
    );
    await this.events.publish('host.updated', { id: host.id, alert: 'host-key-changed' });
  }

  private async applyFailure(host: HostRow, error: unknown, now: Date, next: Date): Promise<void> {
    const failures = host.consecutiveFailures + 1;
    const status = reachabilityAfterFailure(host.status, failures);
    const code = isAgentError(error) ? error.code : 'REFRESH_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    if (!isAgentError(error)) this.logger.error(`refreshing ${host.name} failed unexpectedly: ${message}`);
    const events: HostEventDraft[] =
      status === 'unreachable' && host.status !== 'unreachable'
        ? [{ kind: 'reachability', summary: `unreachable after ${failures} failed contacts: ${code}`, fromValue: host.status, toValue: 'unreachable' }]
        : [];
    await this.hosts.applyRefresh(
      host.id,
      {
        status,
        consecutiveFailures: failures,
        lastError: { code, message, at: now.toISOString() },
        lastRefreshAt: now,
        nextRefreshAt: next,
        attention: attentionFlags({ ...host, status, bootedQuarantined: storedBootedQuarantined(host) }),
      },
      events,
    );
    await this.events.publish('host.updated', { id: host.id });
  }

  /** A tracked image got a new current revision: hosts on it may now have (or no longer have) an update. */
  async onImageRevision(imageId: string): Promise<void> {
    const architectures = await this.hosts.architecturesOnImage(imageId);
    for (const architecture of architectures) {
      const current = await this.images.currentDigest(imageId, architecture);
      if (!current) continue;
      const changed = await this.hosts.recomputeUpdateAvailable(imageId, architecture, current);
      for (const id of changed) await this.events.publish('host.updated', { id });
    }
  }

  /** A digest entered or left quarantine: re-flag the hosts booted on it. */
  async onQuarantineChange(digest: string): Promise<void> {
    const bootedQuarantined = await this.quarantine.isQuarantined(digest);
    for (const host of await this.hosts.bootedOn(digest)) {
      const attention = attentionFlags({ ...host, bootedQuarantined });
      if (attention.join() === host.attention.join()) continue;
      await this.hosts.update(host.id, { attention });
      await this.events.publish('host.updated', { id: host.id });
    }
  }
}
