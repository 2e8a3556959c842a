import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type components, requireData, useApiClient } from '../../../api';
import { ROLLOUTS_KEY } from '../../rollouts/use-rollouts';
import type { FleetBulkAction, FleetTarget } from '../fleet-actions';
import { HOSTS_KEY } from '../use-hosts';

type BulkRequest = components['schemas']['BulkActionDto'];
export type BulkResult = components['schemas']['BulkResultDto'];

const plural = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

/** `3 started, 1 refused (HOST_BUSY: ...)`: the first refusal explains the others. */
export function describeBulkResult(result: BulkResult): string {
  const started = `${result.started.length} started`;
  const first = result.refused[0];
  return first ? `${started}, ${result.refused.length} refused (${first.code}: ${first.message})` : started;
}

const ENTRIES: { id: string; label: string; action: BulkRequest['action']; when: BulkRequest['when']; confirm: (n: string) => string }[] = [
  { id: 'upgrade-now', label: 'Upgrade now', action: 'upgrade', when: 'now', confirm: (n) => `Upgrade ${n} to the current revision of their tracked image and reboot them now?` },
  { id: 'upgrade-window', label: 'Upgrade in next window', action: 'upgrade', when: 'next-window', confirm: (n) => `Stage the current revision of their tracked image on ${n} now and reboot each in its next maintenance window?` },
  { id: 'rollback-now', label: 'Roll back now', action: 'rollback', when: 'now', confirm: (n) => `Roll ${n} back to their rollback deployment and reboot them now?` },
  { id: 'rollback-window', label: 'Roll back in next window', action: 'rollback', when: 'next-window', confirm: (n) => `Roll ${n} back to their rollback deployment, each rebooting in its next maintenance window?` },
  { id: 'reboot', label: 'Reboot', action: 'reboot', when: 'now', confirm: (n) => `Reboot ${n} now?` },
];

/** Upgrade, rollback and reboot entries for the fleet page's bulk toolbar (POST /api/hosts/actions). */
export function useBulkHostActions(): FleetBulkAction[] {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const bulk = useMutation({
    mutationFn: async (body: BulkRequest) => requireData(await api.POST('/api/hosts/actions', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: HOSTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ROLLOUTS_KEY });
    },
  });
  return ENTRIES.map((e) => ({
    id: e.id,
    label: e.label,
    danger: true,
    confirm: (target: FleetTarget) => e.confirm(plural(target.count)),
    run: async (target: FleetTarget) => {
      // The toolbar does not pass the page's filters, so "every matching host" cannot be named to the server.
      if (target.allMatching) throw new Error(`choose hosts on the page for ${e.label.toLowerCase()}: every matching host at once is not offered`);
      return describeBulkResult(await bulk.mutateAsync({ action: e.action, hostIds: [...target.hostIds], when: e.when, ...(e.action === 'upgrade' ? { target: { latest: true } } : {}) }));
    },
  }));
}
