import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import type { ImageRevision } from '../../generated/prisma/client';
import { EventBus } from '../../infra/events/event-bus.service';
import type { QuarantineView } from './quarantine.dto';
import { type QuarantineChange, QuarantineRepository } from './quarantine.repository';

/** Topic published when a digest enters or leaves quarantine; hosts recompute their flags on it. */
export const QUARANTINE_CHANGED = 'image.quarantine';

function toView(r: ImageRevision): QuarantineView {
  return {
    revisionId: r.id,
    imageId: r.imageId,
    digest: r.digest,
    quarantined: r.quarantined,
    quarantinedAt: r.quarantinedAt?.toISOString() ?? null,
    quarantineReason: r.quarantineReason,
  };
}

/**
 * Revisions marked bad. A digest is quarantined when any tracked revision with that digest is, so
 * the same bad build tracked under two tags is refused under both.
 */
@Injectable()
export class QuarantineService {
  constructor(
    private readonly repository: QuarantineRepository,
    private readonly events: EventBus,
  ) {}

  quarantine(imageId: string, revisionId: string, reason: string, now = new Date()): Promise<QuarantineView> {
    return this.change(imageId, revisionId, { quarantined: true, quarantinedAt: now, quarantineReason: reason });
  }

  release(imageId: string, revisionId: string): Promise<QuarantineView> {
    return this.change(imageId, revisionId, { quarantined: false, quarantinedAt: null, quarantineReason: null });
  }

  async isQuarantined(digest: string): Promise<boolean> {
    return (await this.repository.quarantineReasons(digest)).length > 0;
  }

  /** For anything about to put `digest` on hosts (rollouts, switch): 409 REVISION_QUARANTINED if it is bad. */
  async assertNotQuarantined(digest: string): Promise<void> {
    const reasons = await this.repository.quarantineReasons(digest);
    if (reasons.length > 0) {
      throw new DomainError('conflict', 'REVISION_QUARANTINED', `revision ${digest} is quarantined: ${reasons.join('; ')}`, { digest, reasons });
    }
  }

  private async change(imageId: string, revisionId: string, change: QuarantineChange): Promise<QuarantineView> {
    const revision = await this.repository.findRevision(imageId, revisionId);
    if (!revision) {
      throw new DomainError('not_found', 'UNKNOWN_REVISION', `image ${imageId} has no revision ${revisionId}`, { imageId, revisionId });
    }
    const updated = await this.repository.setQuarantine(revisionId, change);
    await this.events.publish(QUARANTINE_CHANGED, { imageId, revisionId, digest: updated.digest, quarantined: updated.quarantined });
    await this.events.publish('image.updated', { id: imageId });
    return toView(updated);
  }
}
