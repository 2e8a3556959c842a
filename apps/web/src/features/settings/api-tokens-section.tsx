import { type FormEvent, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { StatusBadge } from '../../components/status-badge';
import { ROLES, type Role, roleAtLeast } from '../auth/roles';
import { useSession } from '../auth/use-session';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import './accounts.css';
import { type ApiToken, type ApiTokenCreated, useApiTokenMutations, useApiTokens } from './use-accounts';

function CreateTokenDialog({ maxRole, onClose }: { maxRole: Role; onClose: () => void }) {
  const { create } = useApiTokenMutations();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const errors = create.isError ? formErrors(create.error) : { fields: {} as Record<string, string>, form: null };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      setCreated(await create.mutateAsync({ name, role, ...(days ? { expiresInDays: Number(days) } : {}) }));
    } catch {
      // Shown from the mutation's error.
    }
  }

  if (created) {
    return (
      <Dialog title="API token created" onClose={onClose}>
        <p>Copy the token now: it is not shown again.</p>
        <p className="secret-once" aria-label="New API token">
          {created.token}
        </p>
        <p className="muted">Send it as <code>Authorization: Bearer …</code>.</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(created.token)}>
            Copy
          </button>
          <button type="button" className="button button--primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Create API token" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <FormField label="Name" htmlFor="token-name" error={errors.fields.name} hint="What uses it, e.g. “ci pipeline”.">
          <input id="token-name" type="text" value={name} onChange={(e) => setName(e.target.value)} required />
        </FormField>
        <FormField label="Role" htmlFor="token-role" error={errors.fields.role} hint="At most your own role.">
          <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.filter((r) => roleAtLeast(maxRole, r)).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </FormField>
        <FormField label="Expires after (days)" htmlFor="token-days" error={errors.fields.expiresInDays} hint="Empty: never.">
          <input id="token-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </FormField>
        <FormError message={errors.form} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create token
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Everyone manages their own tokens (admins see everyone's); tokens themselves cannot mint tokens. */
export function ApiTokensSection() {
  const me = useSession().data;
  const tokens = useApiTokens();
  const { revoke } = useApiTokenMutations();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;

  const columns: DataTableColumn<ApiToken>[] = [
    { id: 'name', header: 'Name', cell: (t) => <strong>{t.name}</strong> },
    { id: 'prefix', header: 'Token', width: '22ch', cell: (t) => <span className="mono">bft_{t.prefix}_…</span> },
    { id: 'role', header: 'Role', width: '10ch', cell: (t) => t.role },
    { id: 'owner', header: 'Owner', width: '14ch', cell: (t) => t.owner },
    { id: 'used', header: 'Last used', width: '20ch', cell: (t) => (t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never') },
    {
      id: 'state',
      header: '',
      width: '120px',
      align: 'end',
      cell: (t) =>
        t.revokedAt ? (
          <StatusBadge tone="neutral" title={`revoked ${new Date(t.revokedAt).toLocaleString()}`}>
            revoked
          </StatusBadge>
        ) : (
          <button
            type="button"
            className="button button--danger"
            aria-label={`Revoke ${t.name}`}
            onClick={() =>
              window.confirm(`Revoke the API token ${t.name}? Anything using it stops working.`) &&
              void revoke.mutateAsync(t.id).catch((err: unknown) => setError(formErrors(err).form))
            }
          >
            Revoke
          </button>
        ),
    },
  ];

  return (
    <div className="settings-section">
      <div className="settings-section__header">
        <h2>API tokens</h2>
        {me.kind === 'user' ? (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            Create token
          </button>
        ) : null}
      </div>
      <FormError message={error} />
      <DataTable label="API tokens" columns={columns} rows={tokens.data ?? []} rowKey={(t) => t.id} loading={tokens.isPending} empty="No API tokens." />
      {creating ? <CreateTokenDialog maxRole={me.role} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
