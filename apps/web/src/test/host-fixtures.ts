import type { HostSummary } from '../features/fleet/use-hosts';

/** An online, enrolled host as `GET /api/hosts` lists it; tests override what they are about. */
export function hostSummaryFixture(overrides: Partial<HostSummary> = {}): HostSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'sim-001',
    address: '127.100.0.1',
    port: 22,
    sshUser: 'core',
    status: 'online',
    labels: {},
    group: null,
    architecture: 'amd64',
    imageId: null,
    booted: null,
    staged: null,
    rollback: null,
    rollbackQueued: false,
    updateAvailable: false,
    timerState: 'masked',
    attention: [],
    lastSeenAt: null,
    hostKeyFingerprint: 'SHA256:x',
    presentedFingerprint: null,
    lastError: null,
    consecutiveFailures: 0,
    lastRefreshAt: null,
    ...overrides,
  };
}
