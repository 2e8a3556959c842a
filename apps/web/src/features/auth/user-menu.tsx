import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import './auth.css';
import { useAuthMutations, useSession } from './use-session';

function PasswordChangeDialog({ onClose }: { onClose: () => void }) {
  const { changePassword } = useAuthMutations();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const errors = changePassword.isError ? formErrors(changePassword.error) : { fields: {} as Record<string, string>, form: null };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await changePassword.mutateAsync({ currentPassword: current, newPassword: next });
      setDone(true);
    } catch {
      // Shown from the mutation's error.
    }
  }

  return (
    <Dialog title="Change password" onClose={onClose}>
      {done ? (
        <>
          <p role="status">Password changed. Your other sessions have been signed out.</p>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <FormField label="Current password" htmlFor="pw-current" error={errors.fields.currentPassword}>
            <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
          </FormField>
          <FormField label="New password" htmlFor="pw-new" error={errors.fields.newPassword} hint="At least 12 characters.">
            <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={12} />
          </FormField>
          <FormError message={errors.form} />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={changePassword.isPending}>
              Change password
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** The signed-in user in the top bar, with password change and sign-out. */
export function UserMenu() {
  const me = useSession().data;
  const { logout } = useAuthMutations();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  if (!me) return null;

  async function signOut() {
    await logout.mutateAsync().catch(() => undefined);
    await navigate('/login', { replace: true });
  }

  return (
    <div className="user-menu">
      <span className="user-menu__who" aria-label="Signed in as">
        {me.name} <span className="role-badge">{me.role}</span>
      </span>
      {me.kind === 'user' ? (
        <button type="button" className="button button--ghost" onClick={() => setChanging(true)}>
          Change password
        </button>
      ) : null}
      <button type="button" className="button button--ghost" onClick={() => void signOut()}>
        Sign out
      </button>
      {changing ? <PasswordChangeDialog onClose={() => setChanging(false)} /> : null}
    </div>
  );
}
