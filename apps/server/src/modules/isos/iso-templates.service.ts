import { rm } from 'node:fs/promises';
import { buildImageTemplate, metadataPathFor, type TemplateMetadata, validateKernelArgs } from '@bootfleet/iso-builder';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { JobQueue } from '../../infra/jobs/job-queue.service';
import { ImagesService } from '../images/images.service';
import { JobRecordsService } from '../jobs/job-records.service';
import { RegistriesService } from '../registries/registries.service';
import { BaseIsosService } from './base-isos.service';
import { failureOf, fromIsoError } from './iso-errors';
import { IsoStorage } from './iso-storage';
import type { TemplateCreate, TemplateView } from './isos.dto';
import { type IsoTemplateRow, IsosRepository } from './isos.repository';

export const TEMPLATE_BUILD_JOB = 'iso.template.build';

export function toTemplateView(row: IsoTemplateRow): TemplateView {
  const metadata = row.metadata as TemplateMetadata | null;
  return {
    id: row.id,
    baseId: row.baseIsoId,
    baseName: row.base.name,
    imageId: row.imageId,
    imageRef: row.imageRef,
    pinnedRef: row.pinnedRef,
    offline: row.offline,
    kernelArgs: row.kernelArgs,
    state: row.state,
    progress: (row.progress as TemplateView['progress']) ?? null,
    size: row.size === null ? null : Number(row.size),
    slot: metadata ? { offset: metadata.slot.offset, bytes: metadata.slot.bytes } : null,
    error: (row.error as TemplateView['error']) ?? null,
    jobId: row.jobRecordId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Templates: a base ISO remastered once per image and options, built by a durable job. */
@Injectable()
export class IsoTemplatesService {
  private readonly logger = new Logger(IsoTemplatesService.name);

  constructor(
    private readonly repository: IsosRepository,
    private readonly bases: BaseIsosService,
    private readonly images: ImagesService,
    private readonly registries: RegistriesService,
    private readonly storage: IsoStorage,
    private readonly jobs: JobRecordsService,
    private readonly queue: JobQueue,
    private readonly events: EventBus,
  ) {
    queue.register<{ templateId: string }>({
      name: TEMPLATE_BUILD_JOB,
      policy: 'stately',
      // A remaster is CPU and disk bound: two at a time per process is plenty.
      concurrency: 2,
      // Failures are recorded on the template (a bad base or a missing image does not heal by retrying);
      // a retry only happens when the process died mid-build and the lease expired.
      retryLimit: 2,
      expireInSeconds: 60 * 60,
      handler: async ({ templateId }) => ({ state: await this.build(templateId) }),
    });
  }

  async list(): Promise<TemplateView[]> {
    return (await this.repository.listTemplates()).map(toTemplateView);
  }

  async require(id: string): Promise<IsoTemplateRow> {
    const row = await this.repository.findTemplate(id);
    if (!row) throw new DomainError('not_found', 'TEMPLATE_NOT_FOUND', `no install ISO template ${id}`, { id });
    return row;
  }

  async get(id: string): Promise<TemplateView> {
    return toTemplateView(await this.require(id));
  }

  async create(input: TemplateCreate, actor: string): Promise<TemplateView> {
    const base = await this.bases.require(input.baseId);
    if (base.state !== 'ready') throw new DomainError('conflict', 'BASE_ISO_NOT_READY', `${base.name} is ${base.state}`, { baseId: base.id });
    const image = await this.images.get(input.imageId);
    try {
      validateKernelArgs(input.kernelArgs);
    } catch (error) {
      throw fromIsoError(error);
    }
    const row = await this.repository.createTemplate({ baseIsoId: base.id, imageId: image.id, imageRef: image.reference, offline: input.offline, kernelArgs: input.kernelArgs });
    const job = await this.jobs.create({ type: TEMPLATE_BUILD_JOB, title: `Install ISO template: ${base.name} with ${image.reference}`, actor, params: { templateId: row.id, ...input } });
    const queued = await this.repository.updateTemplate(row.id, { jobRecordId: job.id, progress: { step: 'queued', percent: 0 } });
    await this.queue.enqueue(TEMPLATE_BUILD_JOB, { templateId: row.id }, { singletonKey: row.id });
    await this.events.publish('iso.updated', { kind: 'template', id: row.id, state: 'queued' });
    return toTemplateView(queued);
  }

  /** The job: idempotent, a template already finished is left alone; a build cut off is redone from scratch. */
  async build(id: string): Promise<string> {
    const row = await this.repository.findTemplate(id);
    if (!row || row.state === 'ready' || row.state === 'failed') return row?.state ?? 'deleted';
    const jobId = row.jobRecordId;
    const outPath = this.storage.templatePath(id);
    try {
      const base = await this.bases.require(row.baseIsoId);
      await this.setStep(row, 'resolving the image and remastering the base ISO', 10);
      const registry = row.imageId ? await this.registryOptions(row.imageId) : {};
      await this.storage.ensureTemplateDir();
      const built = await buildImageTemplate({ basePath: base.path, outPath, image: row.imageRef, offline: row.offline, kernelArgs: row.kernelArgs, registry });
      const done = await this.repository.updateTemplate(id, {
        state: 'ready',
        path: built.templatePath,
        size: built.metadata.templateBytes,
        pinnedRef: built.metadata.imageRef,
        metadata: built.metadata as object,
        progress: { step: 'ready', percent: 100 },
        error: undefined,
      });
      if (jobId) {
        this.jobs.log(jobId, `template ${built.templatePath}: ${built.metadata.templateBytes} bytes, image ${built.metadata.imageRef}`, 'info');
        await this.jobs.finish(jobId, 'succeeded', { result: { templateId: id, bytes: built.metadata.templateBytes, image: built.metadata.imageRef } });
      }
      await this.events.publish('iso.updated', { kind: 'template', id, state: done.state });
      return done.state;
    } catch (error) {
      const failure = failureOf(error);
      if (failure.code === 'INTERNAL_ERROR') this.logger.error(`template ${id} failed unexpectedly: ${failure.message}`);
      await Promise.all([rm(outPath, { force: true }), rm(metadataPathFor(outPath), { force: true })]);
      await this.repository.updateTemplate(id, { state: 'failed', error: failure, progress: { step: 'failed', percent: 100 } });
      if (jobId) await this.jobs.finish(jobId, 'failed', { error: failure });
      await this.events.publish('iso.updated', { kind: 'template', id, state: 'failed' });
      return 'failed';
    }
  }

  async delete(id: string): Promise<void> {
    const row = await this.require(id);
    if (row.state === 'building') throw new DomainError('conflict', 'TEMPLATE_BUILDING', 'the template is being built: delete it when the build has finished', { id });
    if (!(await this.repository.deleteTemplate(id))) throw new DomainError('not_found', 'TEMPLATE_NOT_FOUND', `no install ISO template ${id}`, { id });
    const path = this.storage.templatePath(id);
    await Promise.all([rm(path, { force: true }), rm(metadataPathFor(path), { force: true })]);
    await this.events.publish('iso.updated', { kind: 'template', id, state: 'deleted' });
  }

  private async setStep(row: IsoTemplateRow, step: string, percent: number): Promise<void> {
    if (row.jobRecordId) await this.jobs.step(row.jobRecordId, step, { percent });
    await this.repository.updateTemplate(row.id, { state: 'building', progress: { step, percent } });
    await this.events.publish('iso.updated', { kind: 'template', id: row.id, state: 'building', step, percent });
  }

  private async registryOptions(imageId: string): Promise<{ registryUrl: string; insecure?: boolean }> {
    const image = await this.images.get(imageId);
    const endpoint = await this.registries.endpoint(image.registryId);
    return { registryUrl: endpoint.url, ...(endpoint.insecure ? { insecure: true } : {}) };
  }
}
