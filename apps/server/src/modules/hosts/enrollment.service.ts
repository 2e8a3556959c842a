import { randomUUID } from 'node:crypto';
import { authorizeKey, type BootcStatus, type HostFacts, type SshCredentials } from '@bootfleet/agent';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { fromAgentError } from '../../infra/ssh/agent-errors';
import { FleetKeyService } from '../../infra/ssh/fleet-key.service';
import { HostConnections, type HostSession } from '../../infra/ssh/host-connections.service';
import { ImagesService } from '../images/images.service';
import { QuarantineService } from '../quarantine';
import { attentionFlags, observe } from './host-observation';
import type { HostEnrollDto } from './hosts.dto';
import { type HostRow, HostsRepository } from './hosts.repository';

type EnrollRequest = Pick<HostEnrollDto, 'name' | 'address' | 'port' | 'user' | 'fingerprint' | 'credential' | 'labels' | 'group' | 'autoUpdateOptOut'>;

interface Inspection {
  status: BootcStatus;
  facts: HostFacts;
  timerBefore: string;
  timerAfter: string;
}

/**
 * Brings a host under management: connects with the approved host key, installs the fleet key when
 * given a password (which is then forgotten), checks sudo and bootc, masks the auto-update timer,
 * reads status and facts, and only then stores the host. Any failure leaves nothing behind.
 */
@Injectable()
export class EnrollmentService {
  constructor(
    private readonly hosts: HostsRepository,
    private readonly connections: HostConnections,
    private readonly fleetKey: FleetKeyService,
    private readonly images: ImagesService,
    private readonly quarantine: QuarantineService,
    private readonly events: EventBus,
  ) {}

  async enroll(request: EnrollRequest): Promise<HostRow> {
    if (await this.hosts.findByName(request.name)) {
      throw new DomainError('conflict', 'HOST_EXISTS', `a host named ${request.name} is already enrolled`, { name: request.name });
    }
    const id = randomUUID();
    const endpoint = { address: request.address, port: request.port, sshUser: request.user, hostKeyFingerprint: request.fingerprint };
    const target = `${request.user}@${request.address}:${request.port}`;
    let sealed: { sshPrivateKeySealed: string | null; sshPassphraseSealed: string | null } = { sshPrivateKeySealed: null, sshPassphraseSealed: null };

    let inspection: Inspection;
    try {
      const credential = request.credential;
      if (credential.kind === 'password') {
        const { publicKey } = await this.fleetKey.publicKey();
        await this.connections.withCredentials(endpoint, { password: credential.password }, (session) => authorizeKey(session.transport, publicKey));
        // From here on the host is reached with the fleet key; the password is not kept anywhere.
        inspection = await this.connections.withCredentials(endpoint, await this.connections.fleetCredentials(), (s) => this.inspect(s, request.autoUpdateOptOut));
      } else {
        const credentials: SshCredentials =
          credential.kind === 'private-key'
            ? { privateKey: credential.privateKey, ...(credential.passphrase ? { passphrase: credential.passphrase } : {}) }
            : await this.connections.fleetCredentials();
        inspection = await this.connections.withCredentials(endpoint, credentials, (s) => this.inspect(s, request.autoUpdateOptOut));
        if (credential.kind === 'private-key') sealed = this.connections.sealPrivateKey(id, credential.privateKey, credential.passphrase);
      }
    } catch (error) {
      throw fromAgentError(error, target);
    }

    const observed = observe(inspection.status, inspection.facts, inspection.timerAfter);
    const image = observed.specImage ? await this.images.findByReference(observed.specImage) : null;
    const current = image ? await this.images.currentDigest(image.id, observed.architecture) : null;
    const now = new Date();
    const state = {
      ...observed,
      presentedFingerprint: null,
      status: 'online' as const,
      autoUpdateOptOut: request.autoUpdateOptOut,
      expectedDigest: observed.bootedDigest,
      onRollback: false,
      bootedQuarantined: observed.bootedDigest !== null && (await this.quarantine.isQuarantined(observed.bootedDigest)),
    };
    const host = await this.hosts.createEnrolled(
      {
        id,
        name: request.name,
        address: request.address,
        port: request.port,
        sshUser: request.user,
        credentialKind: request.credential.kind === 'private-key' ? 'uploaded_key' : 'fleet_key',
        ...sealed,
        hostKeyFingerprint: request.fingerprint,
        labels: request.labels,
        group: request.group,
        ...observed,
        bootc: inspection.status as object,
        facts: inspection.facts as object,
        status: 'online',
        imageId: image?.id ?? null,
        updateAvailable: current !== null && observed.bootedDigest !== null && current !== observed.bootedDigest,
        timerStateAtEnrollment: inspection.timerBefore,
        autoUpdateOptOut: request.autoUpdateOptOut,
        expectedDigest: observed.bootedDigest,
        attention: attentionFlags(state),
        lastSeenAt: now,
        lastRefreshAt: now,
        enrolledAt: now,
      },
      {
        kind: 'enrolled',
        summary: `enrolled on ${observed.bootedVersion ?? observed.bootedDigest ?? 'unknown image'}; auto-update timer was ${inspection.timerBefore}, now ${inspection.timerAfter}`,
        fromValue: null,
        toValue: observed.bootedDigest,
      },
    );
    await this.events.publish('host.created', { id: host.id });
    return host;
  }

  private async inspect(session: HostSession, autoUpdateOptOut: boolean): Promise<Inspection> {
    // `sudo -n true` first: a sudo that wants a password is the commonest enrollment failure and
    // deserves its own message rather than a failed bootc call.
    if (session.transport.target && !session.transport.target.startsWith('root@')) {
      const sudo = await session.transport.exec(['true'], { sudo: true });
      if (sudo.exitCode !== 0) {
        throw new DomainError('unprocessable', 'SUDO_REQUIRES_PASSWORD', `${session.transport.target}: the login user needs password-less sudo (NOPASSWD)`, {});
      }
    }
    const status = await session.bootc.status();
    if (!status.isBootcHost) {
      throw new DomainError('unprocessable', 'NOT_BOOTC_HOST', `${session.transport.target}: bootc reports no booted image: this is not a bootc host`, {});
    }
    const facts = await session.bootc.facts();
    const before = await session.bootc.autoUpdates.state();
    const after = before.masked || autoUpdateOptOut ? before : await session.bootc.autoUpdates.mask();
    return { status, facts, timerBefore: before.enablement, timerAfter: after.enablement };
  }
}
