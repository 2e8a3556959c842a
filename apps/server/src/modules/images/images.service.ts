import { type RegistryClient, toOciArchitecture } from '@bootfleet/oci';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import type { ImageRevision } from '../../generated/prisma/client';
import { EventBus } from '../../infra/events/event-bus.service';
import { RegistriesService } from '../registries/registries.service';
import { describeRegistryFailure, registryDomainError } from '../registries/registry-errors';
import { registryHost } from '../registries/registry-url';
import { SettingsService } from '../settings/settings.service';
import { checkTrackedReference, formatTrackedReference, trackedReferenceOf } from './image-reference';
import type { ImageCreate, ImageRevisionView, ImageUpdate, ImageView } from './images.dto';
import { type ImageRow, ImagesRepository, type PollFailure } from './images.repository';
import { BASELINE_ARCHITECTURE, duePolls, effectiveInterval, nextPollAt, pollArchitectures } from './poll-schedule';
import { parseCreated, type ResolvedRevision } from './revision-changes';

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'UNKNOWN_IMAGE', `image ${id} does not exist`, { id });
}

function toRevisionView(r: ImageRevision): ImageRevisionView {
  return {
    id: r.id,
    architecture: r.architecture,
    digest: r.digest,
    indexDigest: r.indexDigest,
    version: r.version,
    created: r.created?.toISOString() ?? null,
    firstSeenAt: r.firstSeenAt.toISOString(),
    current: r.current,
    quarantined: r.quarantined,
    quarantinedAt: r.quarantinedAt?.toISOString() ?? null,
    quarantineReason: r.quarantineReason,
  };
}

function toView(row: ImageRow, defaultInterval: number): ImageView {
  const error = row.lastError as PollFailure | null;
  return {
    id: row.id,
    registryId: row.registryId,
    registryName: row.registry.name,
    reference: formatTrackedReference({ registryHost: registryHost(row.registry.url), repository: row.repository, tag: row.tag }),
    repository: row.repository,
    tag: row.tag,
    pollIntervalSeconds: row.pollIntervalSeconds,
    effectivePollIntervalSeconds: effectiveInterval(row, defaultInterval),
    lastPolledAt: row.lastPolledAt?.toISOString() ?? null,
    nextPollAt: nextPollAt(row, defaultInterval)?.toISOString() ?? null,
    lastError: error && row.lastErrorAt ? { code: error.code, message: error.message, at: row.lastErrorAt.toISOString() } : null,
    current: row.revisions.map(toRevisionView),
    revisionCount: row._count.revisions,
    createdAt: row.createdAt.toISOString(),
  };
}

async function resolveRevision(client: RegistryClient, repository: string, tag: string, architecture: string): Promise<ResolvedRevision> {
  const resolved = await client.resolve(repository, tag, { architecture });
  return { architecture, digest: resolved.digest, indexDigest: resolved.indexDigest, version: resolved.version, created: parseCreated(resolved.created) };
}

/** Tracked images: a registry's repository and tag, and the digests that tag has pointed at. */
@Injectable()
export class ImagesService {
  private readonly logger = new Logger(ImagesService.name);

  constructor(
    private readonly repository: ImagesRepository,
    private readonly registries: RegistriesService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
  ) {}

  async list(): Promise<ImageView[]> {
    const [rows, interval] = await Promise.all([this.repository.list(), this.defaultInterval()]);
    return rows.map((r) => toView(r, interval));
  }

  async get(id: string): Promise<ImageView> {
    return toView(await this.require(id), await this.defaultInterval());
  }

  async revisions(id: string): Promise<ImageRevisionView[]> {
    await this.require(id);
    return (await this.repository.revisions(id)).map(toRevisionView);
  }

  /**
   * Starts tracking a tag. The tag must resolve first: a malformed name is a 400, a registry that
   * refuses or lacks it a 422, and in both cases nothing is created.
   */
  async create(input: ImageCreate): Promise<ImageView> {
    const registry = await this.registries.get(input.registryId);
    const check = checkTrackedReference(registry.host, input.repository, input.tag);
    if (!check.ok) throw registryDomainError(check.error, { field: check.field });
    const repository = check.repository;
    const client = await this.registries.clientFor(registry.id);
    let revision: ResolvedRevision;
    try {
      revision = await resolveRevision(client, repository, input.tag, BASELINE_ARCHITECTURE);
    } catch (error) {
      throw registryDomainError(error, { registryId: registry.id, repository, tag: input.tag });
    } finally {
      client.close();
    }
    const row = await this.repository.create(
      { registryId: registry.id, repository, tag: input.tag, pollIntervalSeconds: input.pollIntervalSeconds ?? null },
      [revision],
      new Date(),
    );
    if (!row) {
      throw new DomainError('conflict', 'IMAGE_EXISTS', `${registry.host}/${repository}:${input.tag} is already tracked`, { field: 'tag' });
    }
    await this.events.publish('image.created', { id: row.id });
    await this.events.publish('image.revision', { imageId: row.id, architecture: revision.architecture, digest: revision.digest });
    return toView(row, await this.defaultInterval());
  }

  async update(id: string, input: ImageUpdate): Promise<ImageView> {
    if (!(await this.repository.updatePollInterval(id, input.pollIntervalSeconds))) throw notFound(id);
    await this.events.publish('image.updated', { id });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) throw notFound(id);
    await this.events.publish('image.deleted', { id });
  }

  /** Polls now and answers with the image as it stands after the poll (with lastError if it failed). */
  async refresh(id: string): Promise<ImageView> {
    await this.require(id);
    await this.poll(id);
    return this.get(id);
  }

  /**
   * Resolves the tag for every architecture in use and records digests that moved. A registry
   * failure is stored on the image (which keeps its last revisions), not thrown: the next poll is
   * the retry. Safe to run twice: recording re-reads what is current under a row lock.
   */
  async poll(id: string): Promise<void> {
    const image = await this.repository.find(id);
    if (!image) return;
    const architectures = pollArchitectures(await this.repository.hostArchitectures(id));
    const resolved: ResolvedRevision[] = [];
    let failure: PollFailure | null = null;
    let client: RegistryClient | undefined;
    try {
      client = await this.registries.clientFor(image.registryId);
      for (const architecture of architectures) {
        try {
          resolved.push(await resolveRevision(client, image.repository, image.tag, architecture));
        } catch (error) {
          failure ??= { ...describeRegistryFailure(error), ...(architectures.length > 1 ? { architecture } : {}) };
        }
      }
    } finally {
      client?.close();
    }
    if (failure) this.logger.warn(`poll of ${image.repository}:${image.tag} failed: ${failure.code} ${failure.message}`);
    const changed = await this.repository.recordPoll(id, resolved, failure, new Date());
    if (changed === null) return;
    for (const r of changed) await this.events.publish('image.revision', { imageId: id, architecture: r.architecture, digest: r.digest });
    await this.events.publish('image.updated', { id, changed: changed.length, error: failure?.code ?? null });
  }

  /** The tracked image a host's spec.image follows: same registry host:port, repository and tag. */
  async findByReference(ref: string): Promise<{ id: string } | null> {
    const tracked = trackedReferenceOf(ref);
    if (!tracked) return null;
    const registry = await this.registries.findByHost(tracked.registryHost);
    if (!registry) return null;
    return this.repository.findByTag([registry.id], tracked.repository, tracked.tag);
  }

  /** What the tracked tag points at now for this host architecture (amd64 when unknown). */
  async currentDigest(imageId: string, architecture: string | null): Promise<string | null> {
    return this.repository.currentDigest(imageId, architecture ? toOciArchitecture(architecture) : BASELINE_ARCHITECTURE);
  }

  async dueForPoll(now: Date): Promise<string[]> {
    return duePolls(await this.repository.pollStates(), await this.defaultInterval(), now);
  }

  private async defaultInterval(): Promise<number> {
    return (await this.settings.get()).imagePollIntervalSeconds;
  }

  private async require(id: string): Promise<ImageRow> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    return row;
  }
}
