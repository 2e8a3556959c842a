import type { AuthenticatedRequest, Principal } from './principal';

export interface ResolvedCredentials {
  principal: Principal;
  via: 'session' | 'bearer';
  /** For sessions: the value the X-CSRF-Token header must carry on mutating requests. */
  csrfToken?: string;
  sessionId?: string;
}

/**
 * Turns the request's credentials (bearer token or session cookie) into a principal. Implemented by
 * the auth module; the guard depends only on this contract. Returns undefined when the request
 * carries no credentials and throws an unauthenticated DomainError when it carries bad ones.
 */
export abstract class CredentialResolver {
  abstract resolve(req: AuthenticatedRequest): Promise<ResolvedCredentials | undefined>;
}
