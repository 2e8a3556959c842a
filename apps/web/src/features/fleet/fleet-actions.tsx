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
export interface FleetBulkAction {
  id: string;
  label: string;
  /** Asked before running when set (destructive or disruptive actions). */
  confirm?: (target: FleetTarget) => string;
  danger?: boolean;
  /** Resolves with a short summary shown next to the toolbar. */
  run: (target: FleetTarget) => Promise<string>;
}

export function useFleetBulkActions(): FleetBulkAction[] {
  const { refresh, refreshAll, remove } = useHostMutations();
  const hostActions = useBulkHostActions();
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
  ];
}
