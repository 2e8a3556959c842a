import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { StatusBadge } from '../../components/status-badge';
import { EMPTY_SELECTION } from '../fleet/host-selection';
import { describePushOutcome, pushSupport, summarizePush } from './describe-push';
import { Dialog, FormError, FormField } from './form-field';
import { formErrors } from './form-errors';
import { PushHostPicker } from './push-host-picker';
import { type Registry, type RegistryPushResult, useRegistries, useRegistryMutations } from './use-registries';
import './push.css';

type Outcome = RegistryPushResult['results'][number];

const RESULT_COLUMNS: DataTableColumn<Outcome>[] = [
  {
    id: 'host',
    header: 'Host',
    width: '30%',
    cell: (r) => (
      <Link to={`/hosts/${r.hostId}`} className="mono">
        {r.name}
      </Link>
    ),
  },
  {
    id: 'result',
    header: 'Result',
    cell: (r) => {
      const d = describePushOutcome(r);
      return (
        <span data-outcome={r.ok ? 'ok' : 'failed'} title={d.detail || undefined}>
          <StatusBadge tone={d.tone}>{d.label}</StatusBadge> {d.detail}
        </span>
      );
    },
  },
];

function PushResults({ results }: { results: readonly Outcome[] }) {
  return (
    <section className="push-results" aria-label="Push results">
      <p role="status">
        <strong>{summarizePush(results)}</strong>
      </p>
      <DataTable label="Push results" columns={RESULT_COLUMNS} rows={results} rowKey={(r) => r.hostId} empty={<p className="muted">No host answered.</p>} />
    </section>
  );
}

function RegistrySelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const registries = useRegistries();
  const pushable = (registries.data ?? []).filter((r) => pushSupport(r).pushable);
  return (
    <FormField label="Registry" htmlFor="push-registry" hint={registries.data && pushable.length === 0 ? 'No registry has anything to push: add user/password credentials under Registries' : undefined}>
      <select id="push-registry" value={value} onChange={(e) => onChange(e.target.value)} autoFocus>
        <option value="">Choose a registry…</option>
        {pushable.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({r.host})
          </option>
        ))}
      </select>
    </FormField>
  );
}

type PushCredentialsDialogProps = { onClose: () => void } & (
  | /** From the Registries page: the registry is given, the hosts are picked. */ { registry: Registry; hostIds?: undefined }
  | /** From the Fleet page's selection: the hosts are given, the registry is picked. */ { registry?: undefined; hostIds: readonly string[] }
);

/**
 * Writes a registry's credentials (and insecure drop-in) to hosts, then lists each host's result with
 * its error code. The server answers once every host has been written, so there is no job to follow.
 */
export function PushCredentialsDialog({ registry, hostIds, onClose }: PushCredentialsDialogProps) {
  const { pushToHosts } = useRegistryMutations();
  const registries = useRegistries();
  const [registryId, setRegistryId] = useState(registry?.id ?? '');
  const [selection, setSelection] = useState(EMPTY_SELECTION);
  const chosen = registry ?? registries.data?.find((r) => r.id === registryId);
  const support = chosen ? pushSupport(chosen) : null;
  const targets = hostIds ?? [...selection.ids];
  const plural = `${targets.length} host${targets.length === 1 ? '' : 's'}`;

  return (
    <Dialog title={registry ? `Push ${registry.name} credentials to hosts` : `Push registry credentials to ${plural}`} onClose={onClose} wide={hostIds === undefined}>
      {pushToHosts.data ? (
        <>
          <PushResults results={pushToHosts.data.results} />
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose} autoFocus>
              Close
            </button>
          </div>
        </>
      ) : (
        // Not a form: the picker's label filter is one, and a submit there must not push.
        <div className="form">
          {registry ? null : <RegistrySelect value={registryId} onChange={setRegistryId} />}
          {support?.pushable ? <p className="push-writes">Writes {support.writes} on each host over SSH; nothing else changes on the hosts.</p> : null}
          {support && !support.pushable ? <FormError message={`Nothing to push: ${support.reason}`} /> : null}
          {hostIds ? null : <PushHostPicker selection={selection} onChange={setSelection} />}
          <FormError message={pushToHosts.error ? formErrors(pushToHosts.error).form : null} />
          <div className="form-actions">
            {pushToHosts.isPending ? (
              <span className="form-actions__result" aria-live="polite">
                Writing to {plural}…
              </span>
            ) : null}
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!chosen || !support?.pushable || targets.length === 0 || pushToHosts.isPending}
              onClick={() => chosen && pushToHosts.mutate({ id: chosen.id, hostIds: [...targets] })}
            >
              Push to {plural}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
