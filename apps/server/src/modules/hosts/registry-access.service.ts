import { isAgentError, readRegistryAccess, trustInsecureRegistry, writeRegistryAuth } from '@bootfleet/agent';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { fromAgentError } from '../../infra/ssh/agent-errors';
import { HostConnections } from '../../infra/ssh/host-connections.service';
import { ImagesService } from '../images/images.service';
import { RegistriesService } from '../registries/registries.service';
import { registryHost } from '../registries/registry-url';
import { type HostRow, HostsRepository } from './hosts.repository';

export interface PushResult {
  hostId: string;
  name: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

export interface PreflightCheck {
  name: 'reachable' | 'credentials' | 'trust' | 'pull';
  ok: boolean | null;
  detail: string;
}

/**
 * What a host needs to pull from a registry: the registry's credentials in /etc/ostree/auth.json and,
 * for plain-HTTP or unverified TLS registries, an insecure drop-in. Pushes them to hosts and checks
 * that a host can pull an image before anything depends on it.
 */
@Injectable()
export class RegistryAccessService {
  constructor(
    private readonly hosts: HostsRepository,
    private readonly connections: HostConnections,
    private readonly registries: RegistriesService,
    private readonly images: ImagesService,
  ) {}

  async pushCredentials(registryId: string, hostIds: string[]): Promise<PushResult[]> {
    const endpoint = await this.registries.endpoint(registryId);
    const credentials = endpoint.credentials;
    if (credentials && 'token' in credentials) {
      throw new DomainError('unprocessable', 'UNSUPPORTED_CREDENTIAL_KIND', 'hosts take user/password registry credentials; a token credential cannot be written to auth.json', { registryId });
    }
    const registry = registryHost(endpoint.url);
    const insecure = Boolean(endpoint.insecure) || endpoint.url.startsWith('http:');
    const targets = await this.actionableHosts(hostIds);
    return Promise.all(
      targets.map(async (host): Promise<PushResult> => {
        try {
          await this.connections.withHost(host, ({ transport }) =>
            credentials
              ? writeRegistryAuth(transport, { registry, username: credentials.username, password: credentials.password, insecure })
              : insecure
                ? trustInsecureRegistry(transport, registry)
                : Promise.resolve(),
          );
          return { hostId: host.id, name: host.name, ok: true, error: null };
        } catch (error) {
          const e = fromAgentError(error, host.name);
          if (!(e instanceof DomainError)) throw e;
          return { hostId: host.id, name: host.name, ok: false, error: { code: e.code, message: e.message } };
        }
      }),
    );
  }

  /** Can `hostId` pull `imageId`? Checks what is in place, then lets bootc try when it can. Changes nothing. */
  async preflight(hostId: string, imageId: string): Promise<{ canPull: boolean; checks: PreflightCheck[] }> {
    const [host] = await this.actionableHosts([hostId]);
    const image = await this.images.get(imageId);
    const endpoint = await this.registries.endpoint(image.registryId);
    const registry = registryHost(endpoint.url);
    const needsTrust = Boolean(endpoint.insecure) || endpoint.url.startsWith('http:');
    const checks: PreflightCheck[] = [];
    try {
      await this.connections.withHost(host!, async ({ transport, bootc }) => {
        checks.push({ name: 'reachable', ok: true, detail: `${host!.sshUser}@${host!.address} answered with its pinned host key` });
        const access = await readRegistryAccess(transport, registry);
        checks.push(
          endpoint.credentials
            ? { name: 'credentials', ok: access.credentials, detail: access.credentials ? `/etc/ostree/auth.json has credentials for ${registry}` : `no credentials for ${registry} in /etc/ostree/auth.json: push them from the registry` }
            : { name: 'credentials', ok: true, detail: `${registry} needs no credentials` },
        );
        checks.push(
          needsTrust
            ? { name: 'trust', ok: access.insecure, detail: access.insecure ? `${registry} is marked insecure on the host` : `${registry} needs an insecure drop-in on the host: push the registry's settings` }
            : { name: 'trust', ok: true, detail: `${registry} uses verified TLS` },
        );
        if (host!.imageId !== imageId) {
          // bootc can test a pull only for the image the host follows (`upgrade --check`); anything
          // else would stage a deployment.
          checks.push({ name: 'pull', ok: null, detail: `not tried: the host follows ${host!.specImage ?? 'no image'}; a real pull would stage ${image.reference}` });
          return;
        }
        try {
          const check = await bootc.checkUpgrade();
          checks.push({ name: 'pull', ok: true, detail: check.available ? `pulled the manifest: update ${check.version ?? check.digest ?? ''} available` : 'pulled the manifest: no update' });
        } catch (error) {
          if (!isAgentError(error)) throw error;
          checks.push({ name: 'pull', ok: false, detail: `${error.code}: ${error.message}` });
        }
      });
    } catch (error) {
      if (!isAgentError(error)) throw error;
      checks.push({ name: 'reachable', ok: false, detail: `${error.code}: ${error.message}` });
    }
    return { canPull: checks.every((c) => c.ok !== false), checks };
  }

  private async actionableHosts(ids: string[]): Promise<HostRow[]> {
    const rows = await Promise.all(ids.map((id) => this.hosts.find(id)));
    return rows.map((host, i) => {
      if (!host) throw new DomainError('not_found', 'HOST_NOT_FOUND', `no host ${ids[i]}`, { id: ids[i] });
      if (host.presentedFingerprint) throw new DomainError('conflict', 'HOST_KEY_CHANGED', `${host.name} presented a different host key: approve it before acting on the host`, { id: host.id });
      if (host.status === 'pending') throw new DomainError('conflict', 'HOST_NOT_ENROLLED', `${host.name} is not enrolled yet`, { id: host.id });
      return host;
    });
  }
}
