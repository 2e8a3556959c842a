import { Injectable } from '@nestjs/common';
import { toOciArchitecture } from '@bootfleet/oci';
import { DomainError } from '../../common/domain-error';
import { registryHost } from '../registries/registry-url';
import type { RolloutTarget } from './rollouts.dto';
import { RolloutsRepository, type TargetHost } from './rollouts.repository';

export interface ResolvedTarget {
  reference: string;
  digest: string;
  revisionId: string;
  version: string | null;
}

type RevisionWithImage = NonNullable<Awaited<ReturnType<RolloutsRepository['revision']>>>;

const pinned = (r: RevisionWithImage): ResolvedTarget => ({
  reference: `${registryHost(r.image.registry.url)}/${r.image.repository}@${r.digest}`,
  digest: r.digest,
  revisionId: r.id,
  version: r.version,
});

function refuseQuarantined(r: RevisionWithImage): void {
  if (r.quarantined) throw new DomainError('conflict', 'REVISION_QUARANTINED', `revision ${r.digest} is quarantined${r.quarantineReason ? `: ${r.quarantineReason}` : ''}`, { digest: r.digest });
}

/** Turns "this revision / digest / the tag's latest" into the digest-pinned reference each host switches to. */
@Injectable()
export class TargetResolver {
  constructor(private readonly rollouts: RolloutsRepository) {}

  async resolve(target: RolloutTarget, hosts: TargetHost[]): Promise<{ imageId: string; byHost: Map<string, ResolvedTarget>; single: ResolvedTarget | null }> {
    if ('revisionId' in target || 'digest' in target) {
      const revision = 'revisionId' in target ? await this.rollouts.revision(target.revisionId) : await this.rollouts.revisionByDigest(target.digest);
      if (!revision) throw new DomainError('not_found', 'UNKNOWN_REVISION', 'no tracked image has this revision', { ...target });
      refuseQuarantined(revision);
      const resolved = pinned(revision);
      return { imageId: revision.imageId, byHost: new Map(hosts.map((h) => [h.id, resolved])), single: resolved };
    }
    const image = await this.rollouts.image(target.imageId);
    if (!image) throw new DomainError('not_found', 'UNKNOWN_IMAGE', `image ${target.imageId} does not exist`);
    const current = await this.rollouts.currentRevisions(image.id);
    const byHost = new Map<string, ResolvedTarget>();
    const missing: string[] = [];
    for (const host of hosts) {
      const arch = host.architecture ? toOciArchitecture(host.architecture) : 'amd64';
      const revision = current.find((r) => r.architecture === arch);
      if (!revision) {
        missing.push(host.name);
        continue;
      }
      refuseQuarantined({ ...revision, image });
      byHost.set(host.id, pinned({ ...revision, image }));
    }
    if (missing.length) throw new DomainError('unprocessable', 'NO_REVISION_FOR_ARCHITECTURE', `the tag has no current revision for the architecture of ${missing.slice(0, 5).join(', ')}`, { hosts: missing });
    return { imageId: image.id, byHost, single: null };
  }
}
