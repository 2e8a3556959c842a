import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isUnauthenticated, SESSION_KEY, useSession } from './use-session';

/**
 * Shows its children only to a signed-in user; anyone else goes to the sign-in page (which sends
 * on to first-run setup while no user exists). A 401 from any call, for example when the session
 * expires, asks again who is signed in.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const location = useLocation();

  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const key = event.query.queryKey;
        const isSessionQuery = key[0] === SESSION_KEY[0] && key[1] === SESSION_KEY[1];
        if (event.type === 'updated' && !isSessionQuery && isUnauthenticated(event.query.state.error)) {
          void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
        }
      }),
    [queryClient],
  );

  if (session.isPending) return <p className="auth-loading" role="status">Loading…</p>;
  if (session.isError) {
    if (isUnauthenticated(session.error)) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <p className="form-error" role="alert">
        bootfleet did not answer who is signed in: {session.error.message}
      </p>
    );
  }
  return <>{children}</>;
}
