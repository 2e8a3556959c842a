import type { Request } from 'express';
import type { Role } from './roles';

/** Who is calling: a signed-in user, or an API token acting for its owner with at most its own role. */
export interface Principal {
  kind: 'user' | 'token';
  /** User id, or token id for tokens. */
  id: string;
  /** User name; for tokens `<token name> (<owner>)`. */
  name: string;
  role: Role;
  /** The user the principal acts for (the user itself, or the token's owner). */
  userId: string;
}

/** What a one-time token (for example an install ISO's call-home token) proved. */
export interface OneTimeGrant {
  purpose: string;
  /** What the token was issued for, for example a host id. */
  subject: string;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  oneTimeGrant?: OneTimeGrant;
  /** How the principal authenticated: CSRF applies to cookie sessions only. */
  authenticatedVia?: 'session' | 'bearer';
  sessionId?: string;
  /** The session's CSRF token, for the dashboard to read back from /api/auth/me. */
  csrfToken?: string;
}

export function sourceAddress(req: Request): string | undefined {
  return req.ip ?? req.socket.remoteAddress ?? undefined;
}
