import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { PRODUCT_NAME } from '../../components/page-header';
import { FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import './auth.css';
import { useAuthMutations, useSetupStatus } from './use-session';

/** First run only: creates the first admin. The server refuses it as soon as any user exists. */
export function SetupPage() {
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const mutations = useAuthMutations();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  if (setup.isPending) return <p className="auth-loading" role="status">Loading…</p>;
  if (setup.data && !setup.data.needed) return <Navigate to="/login" replace />;

  const errors = mutations.setup.isError ? formErrors(mutations.setup.error) : { fields: {} as Record<string, string>, form: null };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    try {
      await mutations.setup.mutateAsync({ username, password });
      await navigate('/', { replace: true });
    } catch {
      // Shown from the mutation's error.
    }
  }

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-label="Set up">
        <h1>Set up {PRODUCT_NAME}</h1>
        <p>Create the first administrator. This page closes once an account exists.</p>
        <FormField label="User name" htmlFor="setup-username" error={errors.fields.username}>
          <input id="setup-username" type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </FormField>
        <FormField label="Password" htmlFor="setup-password" error={errors.fields.password} hint="At least 12 characters.">
          <input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} />
        </FormField>
        <FormField label="Repeat the password" htmlFor="setup-confirm" error={mismatch ? 'The passwords differ.' : undefined}>
          <input id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
        </FormField>
        <FormError message={errors.form} />
        <button type="submit" className="button button--primary" disabled={mutations.setup.isPending}>
          Create administrator
        </button>
      </form>
    </main>
  );
}
