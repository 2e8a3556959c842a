import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { inspectIso, type IsoInspection } from '@bootfleet/iso-builder';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { JobQueue } from '../../infra/jobs/job-queue.service';
import { fromIsoError } from './iso-errors';
import { checkRegisteredPath, IsoStorage, MAX_BASE_ISO_BYTES, tooLarge } from './iso-storage';
import type { BaseIsoView } from './isos.dto';
import { type BaseIsoRow, IsosRepository } from './isos.repository';

function summary(inspection: IsoInspection) {
  return {
    volumeLabel: inspection.volumeLabel,
    layout: inspection.layout.kind,
    architecture: inspection.architecture,
    volumeBytes: inspection.volumeBytes,
    bootConfigs: inspection.bootConfigs.map((c) => ({ path: c.path, kernelLines: c.kernelLines })),
  };
}

export function toBaseIsoView(row: BaseIsoRow): BaseIsoView {
  return {
    id: row.id,
    name: row.name,
    external: row.external,
    size: Number(row.size),
    sha256: row.sha256,
    state: row.state,
    error: (row.error as BaseIsoView['error']) ?? null,
    inspection: (row.inspection as BaseIsoView['inspection']) ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const ABANDONED_UPLOADS_JOB = 'iso.uploads.sweep';
/** An upload whose file has not grown for this long was cut off (client gone, server restarted). */
export const ABANDONED_AFTER_MS = 60 * 60_000;

/** Installer ISOs as shipped: uploaded (streamed, hashed, inspected) or registered where they are. */
@Injectable()
export class BaseIsosService {
  private readonly logger = new Logger(BaseIsosService.name);

  constructor(
    private readonly repository: IsosRepository,
    private readonly storage: IsoStorage,
    private readonly events: EventBus,
    queue: JobQueue,
  ) {
    queue.register({ name: ABANDONED_UPLOADS_JOB, policy: 'stately', retryLimit: 0, handler: async () => ({ removed: await this.sweepAbandonedUploads(new Date()) }) });
    queue.schedule({ name: ABANDONED_UPLOADS_JOB, cron: '*/15 * * * *' });
  }

  /**
   * Removes uploads a server crash cut off: their row stays `uploading` and their partial file
   * stops growing. Judged by the file's age, so uploads still streaming into another server
   * process are left alone.
   */
  async sweepAbandonedUploads(now: Date): Promise<number> {
    let removed = 0;
    for (const row of await this.repository.uploading()) {
      const lastWrite = (await this.storage.lastWrite(row.id)) ?? row.updatedAt;
      if (now.getTime() - lastWrite.getTime() < ABANDONED_AFTER_MS) continue;
      await this.storage.remove(this.storage.partialPath(row.id));
      await this.repository.deleteBase(row.id);
      await this.events.publish('iso.updated', { kind: 'base', id: row.id, state: 'deleted' });
      this.logger.warn(`removed the abandoned upload of ${row.name} (${row.id})`);
      removed += 1;
    }
    return removed;
  }

  async list(): Promise<BaseIsoView[]> {
    return (await this.repository.listBases()).map(toBaseIsoView);
  }

  async require(id: string): Promise<BaseIsoRow> {
    const row = await this.repository.findBase(id);
    if (!row) throw new DomainError('not_found', 'BASE_ISO_NOT_FOUND', `no base ISO ${id}`, { id });
    return row;
  }

  async get(id: string): Promise<BaseIsoView> {
    return toBaseIsoView(await this.require(id));
  }

  /**
   * Streams the body to a temporary file, inspects it, and only then moves it into place. A body
   * that is not an ISO, has an unsupported layout or breaks off leaves neither a file nor a row.
   */
  async upload(name: string, body: Readable, declaredBytes: number | undefined): Promise<BaseIsoView> {
    // Refused before a byte is stored when the client says up front that it is too large.
    if (declaredBytes !== undefined && declaredBytes > MAX_BASE_ISO_BYTES) throw tooLarge();
    const id = randomUUID();
    await this.repository.createBase({ id, name, path: this.storage.basePath(id), state: 'uploading' });
    await this.events.publish('iso.updated', { kind: 'base', id, state: 'uploading' });
    let partial: string | undefined;
    try {
      const upload = await this.storage.receive(id, body);
      partial = upload.path;
      const inspection = await inspectIso(upload.path);
      const path = await this.storage.commit(upload, id);
      partial = undefined;
      const row = await this.repository.updateBase(id, { path, size: upload.bytes, sha256: upload.sha256, inspection: summary(inspection), state: 'ready' });
      await this.events.publish('iso.updated', { kind: 'base', id, state: 'ready' });
      return toBaseIsoView(row);
    } catch (error) {
      if (partial) await this.storage.remove(partial);
      await this.repository.deleteBase(id);
      await this.events.publish('iso.updated', { kind: 'base', id, state: 'deleted' });
      throw fromIsoError(error);
    }
  }

  /** An ISO already on the server (a mounted share, say): checked, hashed and inspected in place. */
  async register(path: string, name: string | undefined): Promise<BaseIsoView> {
    const file = await checkRegisteredPath(path);
    let inspection: IsoInspection;
    try {
      inspection = await inspectIso(file.path);
    } catch (error) {
      throw fromIsoError(error);
    }
    const row = await this.repository.createBase({
      name: name ?? basename(file.path),
      path: file.path,
      external: true,
      size: file.bytes,
      sha256: await sha256Of(file.path),
      inspection: summary(inspection),
      state: 'ready',
    });
    await this.events.publish('iso.updated', { kind: 'base', id: row.id, state: 'ready' });
    return toBaseIsoView(row);
  }

  /** Registered files stay where they are; uploaded ones are deleted with their row. */
  async delete(id: string): Promise<void> {
    const row = await this.require(id);
    const outcome = await this.repository.deleteBase(id);
    if (outcome === 'in-use') throw new DomainError('conflict', 'BASE_ISO_IN_USE', `${row.name} has templates: delete them first`, { id });
    if (outcome === 'missing') throw new DomainError('not_found', 'BASE_ISO_NOT_FOUND', `no base ISO ${id}`, { id });
    if (!row.external) await this.storage.remove(row.path);
    await this.events.publish('iso.updated', { kind: 'base', id, state: 'deleted' });
  }
}
