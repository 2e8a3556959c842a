import { useCan } from '../auth';
import type { HostDetail } from '../fleet/use-hosts';
import { HostInstallIsoButton } from '../isos/host-install-iso-button';
import { HostActionButtons } from './actions/host-action-buttons';
import { PreflightButton } from './preflight/preflight-dialog';

/** The host page's action buttons (upgrade, switch, rollback, reboot...: see ./actions), its pull pre-flight and its install ISO. */
export function HostActions({ host }: { host: HostDetail }) {
  const canAct = useCan('operator');
  return (
    <span className="host-actions" data-host-id={host.id}>
      <HostActionButtons host={host} />
      <PreflightButton host={host} />
      {canAct ? <HostInstallIsoButton host={host} /> : null}
    </span>
  );
}
