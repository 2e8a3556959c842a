import type { z } from 'zod';
import type { AttentionFlag } from './host-observation';
import type { hostDetailSchema, hostEventSchema, hostSummarySchema } from './hosts.dto';
import type { HostSummaryRow } from './host-list-sql';
import type { HostEventRow, HostRow } from './hosts.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A host row as the API shows it: slots grouped, secrets never included. */
export function hostSummary(h: HostSummaryRow): z.input<typeof hostSummarySchema> {
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    port: h.port,
    sshUser: h.sshUser,
    status: h.status,
    labels: (h.labels ?? {}) as Record<string, string>,
    group: h.group,
    architecture: h.architecture,
    imageId: h.imageId,
    booted: h.bootedDigest || h.bootedImage ? { image: h.bootedImage, digest: h.bootedDigest, version: h.bootedVersion, timestamp: iso(h.bootedTimestamp) } : null,
    staged: h.stagedDigest || h.stagedImage ? { image: h.stagedImage, digest: h.stagedDigest, version: h.stagedVersion, timestamp: null, downloadOnly: h.stagedDownloadOnly } : null,
    rollback: h.rollbackDigest || h.rollbackImage ? { image: h.rollbackImage, digest: h.rollbackDigest, version: h.rollbackVersion, timestamp: null } : null,
    rollbackQueued: h.rollbackQueued,
    updateAvailable: h.updateAvailable,
    timerState: h.timerState,
    attention: h.attention as AttentionFlag[],
    lastSeenAt: iso(h.lastSeenAt),
    hostKeyFingerprint: h.hostKeyFingerprint,
    presentedFingerprint: h.presentedFingerprint,
    lastError: (h.lastError as { code: string; message: string; at: string } | null) ?? null,
    consecutiveFailures: h.consecutiveFailures,
    lastRefreshAt: iso(h.lastRefreshAt),
  };
}

export function hostDetail(h: HostRow): z.input<typeof hostDetailSchema> {
  const facts = h.facts as z.input<typeof hostDetailSchema>['facts'];
  return {
    ...hostSummary(h),
    credentialKind: h.credentialKind,
    specImage: h.specImage,
    cachedUpdate: h.cachedUpdateDigest ? { digest: h.cachedUpdateDigest, version: h.cachedUpdateVersion } : null,
    facts: facts ?? null,
    timerStateAtEnrollment: h.timerStateAtEnrollment,
    autoUpdateOptOut: h.autoUpdateOptOut,
    expectedDigest: h.expectedDigest,
    enrolledAt: iso(h.enrolledAt),
    createdAt: h.createdAt.toISOString(),
  };
}

export function hostEventView(e: HostEventRow): z.input<typeof hostEventSchema> {
  return { id: e.id, at: e.at.toISOString(), kind: e.kind, summary: e.summary, fromValue: e.fromValue, toValue: e.toValue };
}
