import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { toOciArchitecture } from '@bootfleet/oci';
import type { Subscription } from 'rxjs';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import { EventBus } from '../../../infra/events/event-bus.service';
import { QuarantineService } from '../../quarantine';
import { healthChecksSchema, strategySchema } from '../domain/strategy';
import { RolloutAdvancer } from '../rollout-advancer';
import { type HostSelector, RolloutsRepository } from '../rollouts.repository';
import { RolloutsService } from '../rollouts.service';
import { decidePolicy, revisionKey } from './policy-decision';

type PolicyRow = Awaited<ReturnType<RolloutsRepository['enabledPolicies']>>[number];
type RevisionRow = Awaited<ReturnType<RolloutsRepository['currentRevisions']>>[number];

/**
 * Makes rollout policies act: when their image's tag points at a new revision (an `image.revision`
 * event, or the advancer's periodic tick as the safety net for missed events), each policy claims
 * that revision once across processes and creates a rollout of its hosts still behind, started at
 * once when the policy auto-starts. The decision itself is `decidePolicy`.
 */
@Injectable()
export class PolicyEvaluator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PolicyEvaluator.name);
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly repository: RolloutsRepository,
    private readonly rollouts: RolloutsService,
    private readonly quarantine: QuarantineService,
    private readonly advancer: RolloutAdvancer,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.has('worker')) return;
    this.subscription = this.events.stream(['image.revision']).subscribe(() => void this.evaluate());
    this.advancer.onTick(() => this.evaluate());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Looks at every enabled policy; calls while a pass runs coalesce into one more pass. */
  evaluate(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const policy of await this.repository.enabledPolicies()) {
          await this.evaluatePolicy(policy).catch((e: Error) => this.logger.warn(`policy ${policy.name}: ${e.message}`));
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async evaluatePolicy(policy: PolicyRow): Promise<void> {
    const current = await this.repository.currentRevisions(policy.imageId);
    // The tick looks every 2 s: skip the lock and the host queries while the tag has not moved.
    if (revisionKey(current) === policy.lastDigest) return;
    // One process at a time per policy, so "no active rollout" still holds when it creates one. A
    // stale lastDigest is harmless: the claim below is conditional on it.
    await this.repository.withPolicyLock(policy.id, () => this.act(policy, current));
  }

  private async act(policy: PolicyRow, current: RevisionRow[]): Promise<void> {
    const revisions = await Promise.all(current.map(async (r) => ({ architecture: r.architecture, digest: r.digest, quarantined: await this.quarantine.isQuarantined(r.digest) })));
    const selected = await this.repository.selectHosts(policy.selector as HostSelector);
    const busy = new Set(await this.repository.busyHosts(selected.map((h) => h.id)));
    const decision = decidePolicy({
      enabled: policy.enabled,
      lastDigest: policy.lastDigest,
      revisions,
      activeRollout: await this.repository.hasActivePolicyRollout(policy.id),
      hosts: selected.map((h) => ({ id: h.id, architecture: h.architecture ? toOciArchitecture(h.architecture) : 'amd64', bootedDigest: h.bootedDigest, busy: busy.has(h.id), keyChanged: h.presentedFingerprint !== null })),
    });
    if (decision.type === 'skip') return;
    if (!(await this.repository.claimPolicyDigest(policy.id, policy.lastDigest, decision.key))) return;
    if (decision.type === 'record') return;
    const version = current.find((r) => r.version)?.version;
    try {
      const rollout = await this.rollouts.create(
        {
          name: `${policy.name}: ${version ?? decision.key.slice(0, 19)}`,
          target: { imageId: policy.imageId, follow: 'latest' },
          selector: { hostIds: decision.hostIds },
          strategy: strategySchema.parse(policy.strategy),
          healthChecks: healthChecksSchema.parse(policy.healthChecks),
          schedule: policy.autoStart ? 'now' : 'manual',
        },
        `policy:${policy.name}`,
        { policyId: policy.id },
      );
      const left = [...decision.left.busy, ...decision.left.keyChanged];
      this.logger.log(`policy ${policy.name} created rollout ${rollout.id} for ${decision.hostIds.length} host(s)${left.length ? `; left out ${left.length} busy or key-changed host(s)` : ''}`);
    } catch (error) {
      // Not created (a host became busy meanwhile...): give the revision back so the next look retries.
      await this.repository.claimPolicyDigest(policy.id, decision.key, policy.lastDigest);
      throw error;
    }
  }
}
