import { parseAuthChallenge } from './auth-challenge';
import { OciError } from './errors';
import type { HttpRequester } from './http-transport';
import { readJson, responseError } from './registry-response';

export type RegistryCredentials = { username: string; password: string } | { token: string };

interface CachedToken {
  header: string;
  expiresAt: number;
}

/** Token servers may omit expires_in; the distribution spec says to assume 60 s then. */
const DEFAULT_TOKEN_LIFETIME_S = 60;
/** Renew slightly early so a token does not expire between being picked and being checked. */
const EXPIRY_MARGIN_MS = 5_000;
const TOKEN_BODY_LIMIT = 1024 * 1024;

/**
 * Chooses the Authorization header for a request and reacts to 401 challenges:
 * - `{token}` credentials are sent as `Bearer <token>` on every request (registry/robot tokens);
 * - `{username,password}` are sent as Basic preemptively, until a Bearer challenge is seen;
 * - a Bearer challenge is answered by fetching a token from its realm (with Basic credentials if
 *   any); tokens are cached per scope until they expire.
 */
export class Authenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private bearerSeen = false;

  constructor(
    private readonly transport: HttpRequester,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The header to send before any challenge for this scope, if one is known. */
  headerFor(scope: string): string | undefined {
    if (this.credentials && 'token' in this.credentials) return `Bearer ${this.credentials.token}`;
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > this.now()) return cached.header;
    if (this.credentials && !this.bearerSeen) return this.basicHeader();
    return undefined;
  }

  /**
   * Answers a 401 challenge; returns the header to retry with, or throws REGISTRY_AUTH_FAILED when
   * retrying cannot help (no credentials, or the ones sent were already refused).
   */
  async answerChallenge(challengeHeader: string | undefined, scope: string, sentHeader: string | undefined, url: string): Promise<string> {
    const challenge = challengeHeader ? parseAuthChallenge(challengeHeader) : null;
    if (this.credentials && 'token' in this.credentials) {
      throw new OciError('REGISTRY_AUTH_FAILED', `${url}: the registry refused the configured token`, 401);
    }
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.bearerSeen = true;
      const header = await this.fetchToken(challenge.params.realm, challenge.params.service, challenge.params.scope ?? scope, scope);
      if (header === sentHeader) throw new OciError('REGISTRY_AUTH_FAILED', `${url}: the registry refused a fresh token`, 401);
      return header;
    }
    if (challenge?.scheme === 'basic' && this.credentials && sentHeader !== this.basicHeader()) return this.basicHeader();
    const reason = this.credentials ? 'the credentials were refused' : 'the registry requires credentials';
    throw new OciError('REGISTRY_AUTH_FAILED', `${url}: ${reason}`, 401);
  }

  private basicHeader(): string {
    const { username, password } = this.credentials as { username: string; password: string };
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  private async fetchToken(realm: string, service: string | undefined, challengeScope: string, cacheKey: string): Promise<string> {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    if (challengeScope) url.searchParams.set('scope', challengeScope);
    const headers: Record<string, string> = this.credentials ? { authorization: this.basicHeader() } : {};
    const response = await this.transport.request(url.toString(), { headers });
    if (response.status !== 200) {
      const error = await responseError(response, `token server ${url.origin}${url.pathname}`);
      if (response.status === 401 || response.status === 403) throw error;
      throw new OciError('REGISTRY_AUTH_FAILED', error.message, response.status);
    }
    const { json } = await readJson<{ token?: string; access_token?: string; expires_in?: number }>(response, TOKEN_BODY_LIMIT);
    const token = json.token ?? json.access_token;
    if (!token) throw new OciError('REGISTRY_PROTOCOL', `token server ${url.origin} returned no token`);
    // Local clock only: the token server's issued_at may be skewed against ours.
    const lifetimeMs = (json.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const header = `Bearer ${token}`;
    this.tokens.set(cacheKey, { header, expiresAt: this.now() + lifetimeMs - EXPIRY_MARGIN_MS });
    return header;
  }
}
