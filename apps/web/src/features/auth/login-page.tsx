import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { PRODUCT_NAME } from '../../components/page-header';
import { FormError, FormField } from '../registries/form-field';
import './auth.css';
import { safeNext } from './safe-next';
import { useAuthMutations, useSetupStatus } from './use-session';

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'LOGIN_LOCKED') {
    const seconds = Number(error.details.retryAfterSeconds ?? 0);
    return `Too many failed sign-ins. Try again in ${Math.max(1, Math.ceil(seconds / 60))} minute(s).`;
  }
  if (error instanceof ApiError && error.status === 401) return 'Wrong user name or password.';
  return error instanceof Error ? error.message : String(error);
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setup = useSetupStatus();
  const { login } = useAuthMutations();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await login.mutateAsync({ username, password });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch {
      // Shown from login.error below.
    }
  }

  return (
    <main className="auth-screen">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <h1>Sign in to {PRODUCT_NAME}</h1>
        <FormField label="User name" htmlFor="login-username">
          <input id="login-username" type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </FormField>
        <FormField label="Password" htmlFor="login-password">
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </FormField>
        <FormError message={login.isError ? loginError(login.error) : null} />
        <button type="submit" className="button button--primary" disabled={login.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
