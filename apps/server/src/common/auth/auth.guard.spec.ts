import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error';
import { AccessAudit } from './access-audit';
import { OneTimeTokenRoute, Public, RequireRole } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { CredentialResolver, type ResolvedCredentials } from './credential-resolver';
import { csrfTokenFor } from './csrf';
import { OneTimeTokenVerifiers } from './one-time-token-verifiers';
import type { AuthenticatedRequest } from './principal';
import type { Role } from './roles';

class Routes {
  @Public() open() {}
  @RequireRole('operator') operate() {}
  @OneTimeTokenRoute('iso.call-home') callHome() {}
  undecided() {}
}

class FixedCredentials extends CredentialResolver {
  constructor(private readonly result: ResolvedCredentials | undefined) {
    super();
  }
  async resolve(): Promise<ResolvedCredentials | undefined> {
    return this.result;
  }
}

class RecordingAudit extends AccessAudit {
  denials: string[] = [];
  async denied(_: ExecutionContext, code: string): Promise<void> {
    this.denials.push(code);
  }
}

function context(handler: keyof Routes, req: Partial<AuthenticatedRequest>): ExecutionContext {
  const request = { method: 'GET', headers: {}, path: '/x', ...req } as AuthenticatedRequest;
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const bearer = (role: Role): ResolvedCredentials => ({ principal: { kind: 'token', id: 't', name: 'ci', role, userId: 'u' }, via: 'bearer' });
const session = (role: Role): ResolvedCredentials => ({ principal: { kind: 'user', id: 'u', name: 'ann', role, userId: 'u' }, via: 'session', csrfToken: csrfTokenFor('s3cret'), sessionId: 's' });

function guard(credentials: ResolvedCredentials | undefined, verifiers = new OneTimeTokenVerifiers(), audit = new RecordingAudit()) {
  return { guard: new AuthGuard(new Reflector(), new FixedCredentials(credentials), verifiers, audit), audit };
}

async function code(promise: Promise<boolean>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

describe('AuthGuard', () => {
  it('lets anyone reach public routes', async () => {
    expect(await code(guard(undefined).guard.canActivate(context('open', {})))).toBe('allowed');
  });

  it('refuses routes without a decision even for admins, and records the refusal', async () => {
    const { guard: g, audit } = guard(bearer('admin'));
    expect(await code(g.canActivate(context('undecided', {})))).toBe('ROUTE_NOT_AUTHORISED');
    expect(audit.denials).toEqual(['ROUTE_NOT_AUTHORISED']);
    expect(await code(guard(undefined).guard.canActivate(context('undecided', {})))).toBe('UNAUTHENTICATED');
  });

  it('checks the role', async () => {
    expect(await code(guard(undefined).guard.canActivate(context('operate', {})))).toBe('UNAUTHENTICATED');
    expect(await code(guard(bearer('viewer')).guard.canActivate(context('operate', {})))).toBe('ROLE_TOO_LOW');
    expect(await code(guard(bearer('operator')).guard.canActivate(context('operate', {})))).toBe('allowed');
    expect(await code(guard(bearer('admin')).guard.canActivate(context('operate', {})))).toBe('allowed');
  });

  it('wants the CSRF header on mutating session requests only', async () => {
    const post = (headers: Record<string, string>) => context('operate', { method: 'POST', headers });
    expect(await code(guard(session('operator')).guard.canActivate(post({})))).toBe('CSRF_TOKEN_INVALID');
    expect(await code(guard(session('operator')).guard.canActivate(post({ 'x-csrf-token': csrfTokenFor('other') })))).toBe('CSRF_TOKEN_INVALID');
    expect(await code(guard(session('operator')).guard.canActivate(post({ 'x-csrf-token': csrfTokenFor('s3cret') })))).toBe('allowed');
    expect(await code(guard(session('operator')).guard.canActivate(context('operate', {})))).toBe('allowed');
    expect(await code(guard(bearer('operator')).guard.canActivate(post({})))).toBe('allowed');
  });

  it('opens one-time-token routes only with a token its verifier accepts, never with a session or API token', async () => {
    const verifiers = new OneTimeTokenVerifiers();
    verifiers.register('iso.call-home', async (token) => (token === 'ott-good' ? 'host-42' : undefined));
    expect(() => verifiers.register('iso.call-home', async () => undefined)).toThrow(/already registered/);

    const good = context('callHome', { headers: { authorization: 'Bearer ott-good' } });
    expect(await code(guard(undefined, verifiers).guard.canActivate(good))).toBe('allowed');
    expect(good.switchToHttp().getRequest<AuthenticatedRequest>().oneTimeGrant).toEqual({ purpose: 'iso.call-home', subject: 'host-42' });
    expect(await code(guard(undefined, verifiers).guard.canActivate(context('callHome', { headers: { authorization: 'Bearer ott-bad' } })))).toBe('ONE_TIME_TOKEN_INVALID');
    expect(await code(guard(bearer('admin'), verifiers).guard.canActivate(context('callHome', {})))).toBe('ONE_TIME_TOKEN_INVALID');
    expect(await code(guard(undefined, new OneTimeTokenVerifiers()).guard.canActivate(good))).toBe('ONE_TIME_TOKEN_INVALID');
  });
});
