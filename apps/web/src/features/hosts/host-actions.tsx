import type { HostDetail } from '../fleet/use-hosts';

/**
 * The host page's action buttons. Upgrade, switch and rollback belong here (rollouts engineer):
 * render them from this component so that the page layout stays the same.
 */
export function HostActions({ host }: { host: HostDetail }) {
  return <span className="host-actions" data-host-id={host.id} />;
}
