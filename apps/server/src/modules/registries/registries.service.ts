import { randomUUID } from 'node:crypto';
import { RegistryClient, type RegistryCredentials, type RegistryEndpoint } from '@bootfleet/oci';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import type { Registry } from '../../generated/prisma/client';
import { EventBus } from '../../infra/events/event-bus.service';
import { SecretBox } from '../../infra/secrets';
import type { CredentialsInput, RegistryCreate, RegistryDraft, RegistryTestResult, RegistryUpdate, RegistryView } from './registries.dto';
import { RegistriesRepository, type RegistryRow, type RegistryWrite, registrySecretContext } from './registries.repository';
import { describeRegistryFailure } from './registry-errors';
import { normaliseRegistryUrl, registryHost } from './registry-url';

/** Requests to a registry give up after this long without progress. */
const REGISTRY_TIMEOUT_MS = 15_000;

/** A stored credential: the secret still sealed. */
interface StoredCredentials {
  credentialKind: Registry['credentialKind'];
  username: string | null;
  sealedSecret: string | null;
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'UNKNOWN_REGISTRY', `registry ${id} does not exist`, { id });
}

function nameTaken(name: string): DomainError {
  return new DomainError('conflict', 'REGISTRY_NAME_TAKEN', `a registry named "${name}" already exists`, { field: 'name', name });
}

function toView(row: RegistryRow): RegistryView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    host: registryHost(row.url),
    insecure: row.insecure,
    caPem: row.caPem,
    credentials: { kind: row.credentialKind, username: row.username, hasSecret: row.sealedSecret !== null },
    lastTest: row.lastTestAt
      ? {
          at: row.lastTestAt.toISOString(),
          ok: row.lastTestOk ?? false,
          latencyMs: row.lastTestMs,
          error: (row.lastTestError as { code: string; message: string } | null) ?? null,
        }
      : null,
    imageCount: row.imageCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Registries: stored endpoints with sealed credentials, and the clients that talk to them. */
@Injectable()
export class RegistriesService {
  private readonly logger = new Logger(RegistriesService.name);

  constructor(
    private readonly repository: RegistriesRepository,
    private readonly secrets: SecretBox,
    private readonly events: EventBus,
  ) {}

  async list(): Promise<RegistryView[]> {
    return (await this.repository.list()).map(toView);
  }

  async get(id: string): Promise<RegistryView> {
    return toView(await this.require(id));
  }

  async create(input: RegistryCreate): Promise<RegistryView> {
    // The id is chosen first so that the secret can be sealed under its final context in one insert.
    const id = randomUUID();
    const row = await this.repository.create(id, {
      name: input.name,
      url: normaliseRegistryUrl(input.url),
      insecure: input.insecure,
      caPem: input.caPem ?? null,
      ...this.sealCredentials(id, input.credentials, null),
    });
    if (!row) throw nameTaken(input.name);
    await this.events.publish('registry.created', { id });
    return toView(row);
  }

  async update(id: string, input: RegistryUpdate): Promise<RegistryView> {
    const existing = await this.require(id);
    const data: Partial<RegistryWrite> = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: normaliseRegistryUrl(input.url) } : {}),
      ...(input.insecure !== undefined ? { insecure: input.insecure } : {}),
      ...(input.caPem !== undefined ? { caPem: input.caPem } : {}),
      ...(input.credentials ? this.sealCredentials(id, input.credentials, existing) : {}),
    };
    const row = await this.repository.update(id, data);
    if (row === 'missing') throw notFound(id);
    if (row === 'name-taken') throw nameTaken(input.name ?? existing.name);
    await this.events.publish('registry.updated', { id });
    return toView(row);
  }

  async delete(id: string): Promise<void> {
    const result = await this.repository.delete(id);
    if (result === 'missing') throw notFound(id);
    if (result === 'in-use') {
      throw new DomainError('conflict', 'REGISTRY_IN_USE', 'images are tracked from this registry; delete them first', { id });
    }
    await this.events.publish('registry.deleted', { id });
  }

  /** Tests a saved registry and stores the result on it. */
  async test(id: string): Promise<RegistryTestResult> {
    const row = await this.require(id);
    const result = await this.ping(this.endpointOf(row));
    await this.repository.recordTest(id, { at: new Date(), ok: result.ok, latencyMs: result.latencyMs, error: result.error ?? null });
    await this.events.publish('registry.tested', { id, ok: result.ok });
    return result;
  }

  /** Tests an unsaved registry (a form before saving); nothing is stored. */
  async testDraft(draft: RegistryDraft): Promise<RegistryTestResult> {
    const saved = draft.id ? await this.require(draft.id) : null;
    const credentials = this.draftCredentials(draft.credentials, saved);
    return this.ping({
      url: normaliseRegistryUrl(draft.url),
      insecure: draft.insecure ?? false,
      ...(draft.caPem ? { caPem: draft.caPem } : {}),
      ...(credentials ? { credentials } : {}),
    });
  }

  /** A client for a stored registry; the caller closes it. */
  async clientFor(id: string): Promise<RegistryClient> {
    return new RegistryClient(this.endpointOf(await this.require(id)), { timeoutMs: REGISTRY_TIMEOUT_MS });
  }

  /** A stored registry's endpoint with its credentials opened: install ISOs carry them to the new host. */
  async endpoint(id: string): Promise<RegistryEndpoint> {
    return this.endpointOf(await this.require(id));
  }

  /** The registry that image references with this host[:port] point at (the oldest if several do). */
  async findByHost(host: string): Promise<{ id: string; url: string } | null> {
    const match = (await this.repository.addresses()).find((r) => registryHost(r.url) === host.toLowerCase());
    return match ? { id: match.id, url: match.url } : null;
  }

  private async ping(endpoint: RegistryEndpoint): Promise<RegistryTestResult> {
    const client = new RegistryClient(endpoint, { timeoutMs: REGISTRY_TIMEOUT_MS });
    const started = performance.now();
    try {
      await client.ping();
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      const failure = describeRegistryFailure(error);
      if (failure.code === 'INTERNAL_ERROR') this.logger.error(`registry test of ${endpoint.url} failed unexpectedly: ${failure.message}`);
      return { ok: false, latencyMs, error: failure };
    } finally {
      client.close();
    }
  }

  private async require(id: string): Promise<RegistryRow> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    return row;
  }

  private endpointOf(row: Registry): RegistryEndpoint {
    const credentials = this.openCredentials(row);
    return { url: row.url, insecure: row.insecure, ...(row.caPem ? { caPem: row.caPem } : {}), ...(credentials ? { credentials } : {}) };
  }

  private openCredentials(stored: StoredCredentials & { id: string }): RegistryCredentials | undefined {
    if (stored.credentialKind === 'none' || !stored.sealedSecret) return undefined;
    const secret = this.secrets.open(stored.sealedSecret, registrySecretContext(stored.id));
    return stored.credentialKind === 'basic' ? { username: stored.username ?? '', password: secret } : { token: secret };
  }

  /**
   * The columns for new credentials. An omitted secret keeps the stored one, but only for the same
   * kind of credential: a password never silently becomes a token.
   */
  private sealCredentials(id: string, input: CredentialsInput, existing: StoredCredentials | null): Pick<RegistryWrite, 'credentialKind' | 'username' | 'sealedSecret'> {
    if (input.kind === 'none') return { credentialKind: 'none', username: null, sealedSecret: null };
    const secret = input.kind === 'basic' ? input.password : input.token;
    const username = input.kind === 'basic' ? input.username : null;
    if (secret !== undefined) return { credentialKind: input.kind, username, sealedSecret: this.secrets.seal(secret, registrySecretContext(id)) };
    if (existing?.credentialKind === input.kind && existing.sealedSecret) return { credentialKind: input.kind, username, sealedSecret: existing.sealedSecret };
    throw secretRequired(input.kind);
  }

  private draftCredentials(input: CredentialsInput, saved: (StoredCredentials & { id: string }) | null): RegistryCredentials | undefined {
    if (input.kind === 'none') return undefined;
    if (input.kind === 'basic' && input.password !== undefined) return { username: input.username, password: input.password };
    if (input.kind === 'token' && input.token !== undefined) return { token: input.token };
    if (saved?.credentialKind !== input.kind || !saved.sealedSecret) throw secretRequired(input.kind);
    const stored = this.openCredentials(saved);
    return input.kind === 'basic' && stored && 'password' in stored ? { username: input.username, password: stored.password } : stored;
  }
}

function secretRequired(kind: 'basic' | 'token'): DomainError {
  const field = kind === 'basic' ? 'credentials.password' : 'credentials.token';
  return new DomainError('invalid', 'CREDENTIAL_SECRET_REQUIRED', `${kind === 'basic' ? 'a password' : 'a token'} is required`, { field });
}
