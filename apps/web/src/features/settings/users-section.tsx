import { type FormEvent, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ROLES, type Role } from '../auth/roles';
import { useCan, useSession } from '../auth/use-session';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import './accounts.css';
import { type User, useUserMutations, useUsers } from './use-accounts';

function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { create } = useUserMutations();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const errors = create.isError ? formErrors(create.error) : { fields: {} as Record<string, string>, form: null };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await create.mutateAsync({ username, password, role });
      onClose();
    } catch {
      // Shown from the mutation's error.
    }
  }

  return (
    <Dialog title="Add user" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <FormField label="User name" htmlFor="user-name" error={errors.fields.username} hint="Lower-case letters, digits, . _ -">
          <input id="user-name" type="text" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </FormField>
        <FormField label="Initial password" htmlFor="user-password" error={errors.fields.password} hint="At least 12 characters; they can change it after signing in.">
          <input id="user-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </FormField>
        <FormField label="Role" htmlFor="user-role" error={errors.fields.role}>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </FormField>
        <FormError message={errors.form} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Add user
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Admins only: the section is not shown to others (and the API refuses them anyway). */
export function UsersSection() {
  const isAdmin = useCan('admin');
  const me = useSession().data;
  const users = useUsers(isAdmin);
  const { setRole, remove, resetPassword } = useUserMutations();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!isAdmin) return null;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(formErrors(err).form ?? Object.values(formErrors(err).fields)[0] ?? 'failed');
    }
  }

  const columns: DataTableColumn<User>[] = [
    { id: 'name', header: 'User', cell: (u) => <strong>{u.username}</strong> },
    {
      id: 'role',
      header: 'Role',
      width: '14ch',
      cell: (u) => (
        <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void run(() => setRole.mutateAsync({ id: u.id, role: e.target.value as Role }))}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      ),
    },
    { id: 'last', header: 'Last sign-in', width: '20ch', cell: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never') },
    {
      id: 'actions',
      header: '',
      width: '240px',
      align: 'end',
      cell: (u) => (
        <span className="row-actions">
          <button
            type="button"
            className="button"
            aria-label={`Set password of ${u.username}`}
            onClick={() => {
              const password = window.prompt(`New password for ${u.username} (at least 12 characters). They will be signed out everywhere.`);
              if (password) void run(() => resetPassword.mutateAsync({ id: u.id, password }));
            }}
          >
            Set password
          </button>
          {u.id !== me?.id ? (
            <button type="button" className="button button--danger" aria-label={`Delete ${u.username}`} onClick={() => window.confirm(`Delete user ${u.username} and their API tokens?`) && void run(() => remove.mutateAsync(u.id))}>
              Delete
            </button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <div className="settings-section">
      <div className="settings-section__header">
        <h2>Users</h2>
        <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
          Add user
        </button>
      </div>
      <FormError message={error} />
      <DataTable label="Users" columns={columns} rows={users.data ?? []} rowKey={(u) => u.id} loading={users.isPending} empty="No users." />
      {adding ? <AddUserDialog onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
