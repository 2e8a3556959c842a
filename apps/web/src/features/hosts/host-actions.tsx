import type { HostDetail } from '../fleet/use-hosts';
import { HostActionButtons } from './actions/host-action-buttons';

/** The host page's action buttons (upgrade, switch, rollback, reboot...: see ./actions). */
export function HostActions({ host }: { host: HostDetail }) {
  return (
    <span className="host-actions" data-host-id={host.id}>
      <HostActionButtons host={host} />
    </span>
  );
}
