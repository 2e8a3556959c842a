import { useState } from 'react';
import { useCan } from '../../auth';
import type { HostDetail } from '../../fleet/use-hosts';
import { HostActionDialog } from './host-action-dialog';
import type { HostActionKind } from './use-host-actions';

const BUTTONS: { kind: HostActionKind; label: string }[] = [
  { kind: 'check-update', label: 'Check for update' },
  { kind: 'upgrade', label: 'Upgrade' },
  { kind: 'switch', label: 'Switch revision' },
  { kind: 'rollback', label: 'Roll back' },
  { kind: 'reboot', label: 'Reboot' },
];

/** One button per host action; each opens a confirmation showing what the host will boot. Operators only. */
export function HostActionButtons({ host }: { host: HostDetail }) {
  const canOperate = useCan('operator');
  const [open, setOpen] = useState<HostActionKind | null>(null);
  if (!canOperate) return null;
  // A changed host key refuses every action on the server: say so here instead of offering them.
  const blocked = host.presentedFingerprint ? 'The host key changed: approve it first' : undefined;
  return (
    <>
      {BUTTONS.map((b) => (
        <button key={b.kind} type="button" className="button" disabled={blocked !== undefined} title={blocked} onClick={() => setOpen(b.kind)}>
          {b.label}
        </button>
      ))}
      {open ? <HostActionDialog host={host} kind={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
