import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isAgentError } from '@bootfleet/agent';
import {
  type HostInstallRecord,
  hostInstallRecordSchema,
  type KickstartOptions,
  type LoadedTemplate,
  loadTemplate,
  padKickstart,
  renderKickstart,
  sha512Crypt,
  type TemplateMetadata,
} from '@bootfleet/iso-builder';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OneTimeTokenVerifiers } from '../../common/auth/one-time-token-verifiers';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { JobQueue } from '../../infra/jobs/job-queue.service';
import { SecretBox } from '../../infra/secrets';
import { registerSealedField } from '../../infra/secrets/sealed-fields';
import { FleetKeyService } from '../../infra/ssh/fleet-key.service';
import { HostConnections } from '../../infra/ssh/host-connections.service';
import { HostsService } from '../hosts/hosts.service';
import { ImagesService } from '../images/images.service';
import { RegistriesService } from '../registries/registries.service';
import { chooseAddress, chooseHostKey } from './call-home-report';
import { signDownloadLink, verifyDownloadLink } from './download-link';
import { DownloadLinkKey } from './download-link-key';
import { fromIsoError } from './iso-errors';
import { IsoTemplatesService } from './iso-templates.service';
import type { CallHomeReport, DownloadLinkView, HostsByIso } from './isos.dto';
import { type HostInstallRow, type IsoTemplateRow, IsosRepository } from './isos.repository';
import { PendingHostsRepository } from './pending-hosts.repository';

export const CALL_HOME_PURPOSE = 'iso.call-home';
export const HOST_ENROLL_JOB = 'iso.host.enroll';
/** Download links are for "click, download now" (or a BMC fetching it at once), not for sharing. */
export const DOWNLOAD_LINK_TTL_MS = 15 * 60_000;
/** The call-home token must survive the wait between download and install. */
const CALL_HOME_TTL_MS = 30 * 86_400_000;

const kickstartContext = (installId: string) => `host-install:${installId}:kickstart`;
registerSealedField({ model: 'hostInstall', field: 'kickstartSealed', context: (row) => kickstartContext(row.id) });

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** What a download needs: the template, the host's kickstart, and the validators for caching. */
interface InstallDraft {
  id: string;
  hostId: string;
  templateId: string;
  record: HostInstallRecord;
  kickstart: string;
  token: string;
}

export interface HostDownload {
  template: LoadedTemplate;
  kickstart: string;
  etag: string;
  fileName: string;
}

/**
 * The record as stored: `{plain}` passwords hashed once, so the plaintext is never kept and the
 * kickstart (hence the ISO bytes and their ETag) stays the same across downloads.
 */
function withHashedPasswords(record: HostInstallRecord): HostInstallRecord {
  return { ...record, users: record.users.map((u) => (u.password && 'plain' in u.password ? { ...u, password: { hash: sha512Crypt(u.password.plain) } } : u)) };
}

function parseRecord(input: unknown, path: (string | number)[] = ['record']): HostInstallRecord {
  const parsed = hostInstallRecordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [...path, ...(issue?.path ?? [])].map(String);
    throw new DomainError('invalid', 'INVALID_HOST_RECORD', `${where.join('.')}: ${issue?.message ?? 'invalid'}`, { path: where });
  }
  return withHashedPasswords(parsed.data);
}

/**
 * Per-host install ISOs: the host's kickstart rendered once and sealed, short-lived signed download
 * links, and the installer's one-time call-home that pins the new system's key and enrolls it.
 */
@Injectable()
export class HostInstallsService implements OnModuleInit {
  private readonly logger = new Logger(HostInstallsService.name);
  /** Loaded templates keep an ~8 MiB tail in memory: a few recent ones are enough. */
  private readonly loaded = new Map<string, Promise<LoadedTemplate>>();

  constructor(
    private readonly repository: IsosRepository,
    private readonly pendingHosts: PendingHostsRepository,
    private readonly templates: IsoTemplatesService,
    private readonly hosts: HostsService,
    private readonly images: ImagesService,
    private readonly registries: RegistriesService,
    private readonly fleetKey: FleetKeyService,
    private readonly connections: HostConnections,
    private readonly secrets: SecretBox,
    private readonly linkKey: DownloadLinkKey,
    private readonly verifiers: OneTimeTokenVerifiers,
    private readonly queue: JobQueue,
    private readonly events: EventBus,
  ) {
    queue.register<{ hostId: string }>({
      name: HOST_ENROLL_JOB,
      policy: 'stately',
      // The installer calls home before its reboot: the installed system answers a minute or
      // several later. Retry every 20 s for about 20 minutes.
      retryLimit: 60,
      retryDelaySeconds: 20,
      retryBackoff: false,
      expireInSeconds: 5 * 60,
      handler: async ({ hostId }) => ({ outcome: await this.enroll(hostId) }),
    });
  }

  onModuleInit(): void {
    // Checks AND consumes: of two calls with the same token only one gets through.
    this.verifiers.register(CALL_HOME_PURPOSE, async (token) => (await this.repository.consumeCallHomeToken(sha256Hex(token), new Date()))?.id);
  }

  /** A download link for one host (enrolled or pending): the ISO that reinstalls it with `record`. */
  async issueForHost(hostId: string, templateId: string, recordInput: unknown, origin: string): Promise<DownloadLinkView> {
    const host = await this.hosts.get(hostId);
    if (host.presentedFingerprint) {
      throw new DomainError('conflict', 'HOST_KEY_CHANGED', `${host.name} presented a different host key: approve or reject it first`, { hostId });
    }
    const template = await this.readyTemplate(templateId);
    const install = await this.saveInstall(await this.draftInstall(hostId, template, parseRecord(recordInput), origin));
    return this.link(hostId, install.id, template, origin);
  }

  /** "Add hosts by ISO": pending hosts and their links, all or nothing. */
  async addHosts(input: HostsByIso, origin: string): Promise<DownloadLinkView[]> {
    const template = await this.readyTemplate(input.templateId);
    const records = input.hosts.map((h, i) => parseRecord(h.record, ['hosts', i, 'record']));
    const names = input.hosts.map((h) => h.name);
    if (new Set(names).size !== names.length) throw new DomainError('invalid', 'DUPLICATE_HOST_NAME', 'host names must not repeat', { field: 'hosts' });
    const hosts = input.hosts.map((h) => ({ id: randomUUID(), name: h.name, address: h.name, port: h.sshPort }));
    // Every kickstart is rendered before anything is created: one host that does not fit fails the request cleanly.
    const installs: InstallDraft[] = [];
    for (const [i, host] of hosts.entries()) installs.push(await this.draftInstall(host.id, template, records[i] as HostInstallRecord, origin));
    const created = await this.pendingHosts.createAll(hosts);
    if (!created.created) throw new DomainError('conflict', 'HOST_EXISTS', `already in the inventory: ${created.taken.join(', ')}`, { names: created.taken });
    try {
      const links: DownloadLinkView[] = [];
      for (const draft of installs) {
        const install = await this.saveInstall(draft);
        links.push(await this.link(draft.hostId, install.id, template, origin));
      }
      for (const host of hosts) await this.events.publish('host.created', { id: host.id });
      return links;
    } catch (error) {
      await this.pendingHosts.deleteAll(hosts.map((h) => h.id));
      throw error;
    }
  }

  /** Resolves a link to what must be streamed; 404 for anything not issued by this server, 410 once expired. */
  async download(token: string): Promise<HostDownload> {
    const check = verifyDownloadLink(await this.linkKey.get(), token, new Date());
    if (!check.ok && check.reason === 'expired') throw new DomainError('not_found', 'DOWNLOAD_LINK_EXPIRED', 'this download link has expired: ask for a new one');
    if (!check.ok) throw new DomainError('not_found', 'DOWNLOAD_LINK_INVALID', 'no such download');
    const install = await this.repository.findInstall(check.grant.installId);
    // A deleted host takes its downloads with it (installs are not a relation of the hosts table).
    const host = install ? await this.hosts.get(install.hostId).catch(() => null) : null;
    if (!install || !host) throw new DomainError('not_found', 'DOWNLOAD_LINK_INVALID', 'no such download');
    const template = await this.readyTemplate(install.templateId);
    const record = install.record as HostInstallRecord;
    const kickstart = this.secrets.open(install.kickstartSealed, kickstartContext(install.id));
    const metadata = template.metadata as TemplateMetadata;
    const templateTag = sha256Hex(`${template.id}:${metadata.builtAt}:${metadata.imageRef}`).slice(0, 20);
    return {
      template: await this.loadTemplate(template),
      kickstart,
      etag: `"${templateTag}-${install.kickstartSha256.slice(0, 20)}"`,
      fileName: `${record.hostname}.iso`,
    };
  }

  /**
   * The installer's report, accepted once per token: pins the key the installed system will present
   * (recomputed from the public key), takes its address, and queues the enrollment.
   */
  async callHome(installId: string, report: CallHomeReport): Promise<{ hostId: string; pinnedFingerprint: string; address: string }> {
    const install = await this.repository.findInstall(installId);
    if (!install) throw new DomainError('not_found', 'HOST_INSTALL_NOT_FOUND', 'this install no longer exists');
    const host = await this.hosts.get(install.hostId);
    const fingerprint = chooseHostKey(report.hostKeys);
    if (!fingerprint) throw new DomainError('unprocessable', 'NO_VALID_HOST_KEY', 'no reported host key matches its fingerprint');
    const address = chooseAddress(report.addresses);
    if (!address) throw new DomainError('unprocessable', 'NO_ADDRESS', 'no usable address was reported');
    await this.repository.recordCallHome(install.id, { ...report, token: undefined, at: new Date().toISOString() });
    this.connections.evict(host.id);
    await this.pendingHosts.pinInstalled(host.id, { address, fingerprint, previousFingerprint: host.hostKeyFingerprint });
    await this.queue.enqueue(HOST_ENROLL_JOB, { hostId: host.id }, { singletonKey: host.id });
    await this.events.publish('host.updated', { id: host.id });
    return { hostId: host.id, pinnedFingerprint: fingerprint, address };
  }

  /**
   * The job after a call-home: connect with the pinned key and the fleet key (the kickstart
   * authorised it for root); a pending host becomes online, then the normal refresh reads its state.
   * Throws while the host is not up yet, so the queue retries.
   */
  async enroll(hostId: string): Promise<string> {
    const host = await this.hosts.get(hostId).catch(() => null);
    if (!host || host.presentedFingerprint) return 'skipped';
    if (host.status === 'pending') {
      try {
        await this.connections.withHost(host, ({ bootc }) => bootc.status());
      } catch (error) {
        if (isAgentError(error)) this.logger.log(`${host.name} not reachable yet after its install: ${error.code}`);
        throw error;
      }
      await this.pendingHosts.markEnrolled(hostId, new Date());
    }
    await this.hosts.refresh([hostId]);
    await this.events.publish('host.updated', { id: hostId });
    return 'enrolled';
  }

  private async readyTemplate(id: string): Promise<IsoTemplateRow> {
    const template = await this.templates.require(id);
    if (template.state !== 'ready' || !template.path || !template.metadata || !template.pinnedRef) {
      throw new DomainError('conflict', 'TEMPLATE_NOT_READY', `the template is ${template.state}`, { templateId: id });
    }
    return template;
  }

  /** The host's kickstart with a fresh call-home token; refuses (422) one that does not fit the template's slot. */
  private async draftInstall(hostId: string, template: IsoTemplateRow, record: HostInstallRecord, origin: string): Promise<InstallDraft> {
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const options: KickstartOptions = {
      image: template.pinnedRef ?? '',
      offline: template.offline,
      fleetPublicKey: (await this.fleetKey.publicKey()).publicKey,
      ...(await this.registryOptions(template)),
      callHome: { url: `${origin}/api/isos/call-home`, token },
    };
    try {
      const kickstart = renderKickstart(record, options);
      padKickstart(kickstart, (template.metadata as TemplateMetadata).slot.bytes);
      return { id, hostId, templateId: template.id, record, kickstart, token };
    } catch (error) {
      throw fromIsoError(error);
    }
  }

  private async saveInstall(draft: InstallDraft): Promise<HostInstallRow> {
    const install = await this.repository.upsertInstall({
      id: draft.id,
      hostId: draft.hostId,
      templateId: draft.templateId,
      record: draft.record as object,
      kickstartSealed: this.secrets.seal(draft.kickstart, kickstartContext(draft.id)),
      kickstartSha256: sha256Hex(draft.kickstart),
      callHomeTokenHash: sha256Hex(draft.token),
      expiresAt: new Date(Date.now() + CALL_HOME_TTL_MS),
    });
    await this.events.publish('iso.updated', { kind: 'install', id: install.id, hostId: draft.hostId });
    return install;
  }

  private async registryOptions(template: IsoTemplateRow): Promise<Pick<KickstartOptions, 'registryAuth' | 'insecureRegistries'>> {
    if (!template.imageId) return {};
    const image = await this.images.get(template.imageId).catch(() => null);
    if (!image) return {};
    const [registry, endpoint] = await Promise.all([this.registries.get(image.registryId), this.registries.endpoint(image.registryId)]);
    const credentials = endpoint.credentials;
    const registryAuth = !credentials
      ? undefined
      : 'token' in credentials
        ? { registry: registry.host, token: credentials.token }
        : { registry: registry.host, username: credentials.username, password: credentials.password };
    const insecure = endpoint.insecure || endpoint.url.startsWith('http://');
    return { ...(registryAuth ? { registryAuth } : {}), ...(insecure ? { insecureRegistries: [registry.host] } : {}) };
  }

  private async link(hostId: string, installId: string, template: IsoTemplateRow, origin: string): Promise<DownloadLinkView> {
    const expiresAt = new Date(Date.now() + DOWNLOAD_LINK_TTL_MS);
    const token = signDownloadLink(await this.linkKey.get(), { installId, expiresAt });
    return { hostId, url: `${origin}/api/isos/download/${token}`, expiresAt: expiresAt.toISOString(), bytes: Number(template.size ?? 0) };
  }

  private loadTemplate(template: IsoTemplateRow): Promise<LoadedTemplate> {
    const key = `${template.id}:${(template.metadata as TemplateMetadata).builtAt}`;
    let loaded = this.loaded.get(key);
    if (!loaded) {
      loaded = loadTemplate(template.path as string);
      loaded.catch(() => this.loaded.delete(key));
      this.loaded.set(key, loaded);
      while (this.loaded.size > 4) this.loaded.delete(this.loaded.keys().next().value as string);
    }
    return loaded;
  }
}
