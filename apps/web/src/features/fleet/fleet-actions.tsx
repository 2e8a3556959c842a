import type { ReactNode } from 'react';
import { useCan } from '../auth';
import { PushCredentialsDialog } from '../registries/push-credentials-dialog';
import { useBulkHostActions } from './actions/bulk-host-actions';
import { useHostMutations } from './use-hosts';

/** What a bulk action receives: the chosen hosts, or every host matching the page's filters. */
export interface FleetTarget {
  /** Hosts ticked on the current page (empty when allMatching). */
  hostIds: readonly string[];
  allMatching: boolean;
  count: number;
}

/**
 * One button of the fleet page's bulk toolbar. The toolbar renders whatever `useFleetBulkActions`
 * returns, in order: add upgrade, switch, rollback... here as further entries.
 */
export type FleetBulkAction = {
  id: string;
  label: string;
  /** Asked before running when set (destructive or disruptive actions). */
  confirm?: (target: FleetTarget) => string;
  danger?: boolean;
} & (
  | {
      /** Resolves with a short summary shown next to the toolbar. */
      run: (target: FleetTarget) => Promise<string>;
      dialog?: never;
    }
  | {
      /** Actions that need more choices: the dialog to open, which shows its own results. Throws, as run rejects, for a target it cannot serve. */
      dialog: (target: FleetTarget, onClose: () => void) => ReactNode;
      run?: never;
    }
);

const pushCredentialsAction: FleetBulkAction = {
  id: 'push-credentials',
  label: 'Push registry credentials…',
  dialog: (target, onClose) => {
    // The push names its hosts; the toolbar cannot name every matching host.
    if (target.allMatching) throw new Error('choose hosts on the page to push registry credentials to: every matching host at once is not offered');
    return <PushCredentialsDialog hostIds={target.hostIds} onClose={onClose} />;
  },
};

export function useFleetBulkActions(): FleetBulkAction[] {
  const { refresh, refreshAll, remove } = useHostMutations();
  const hostActions = useBulkHostActions();
  const canPushCredentials = useCan('admin');
  return [
    {
      id: 'refresh',
      label: 'Refresh status',
      run: async (target) => {
        if (target.allMatching) return `${(await refreshAll.mutateAsync()).queued} refreshes queued`;
        const queued = await Promise.all(target.hostIds.map((id) => refresh.mutateAsync(id)));
        return `${queued.reduce((n, r) => n + r.queued, 0)} refreshes queued`;
      },
    },
    {
      id: 'delete',
      label: 'Delete',
      danger: true,
      confirm: (target) => `Delete ${target.count} host${target.count === 1 ? '' : 's'} from bootfleet? The hosts themselves are not changed.`,
      run: async (target) => {
        if (target.allMatching) throw new Error('delete hosts page by page: deleting every matching host at once is not offered');
        await Promise.all(target.hostIds.map((id) => remove.mutateAsync(id)));
        return `${target.hostIds.length} deleted`;
      },
    },
    ...hostActions,
    ...(canPushCredentials ? [pushCredentialsAction] : []),
  ];
}
