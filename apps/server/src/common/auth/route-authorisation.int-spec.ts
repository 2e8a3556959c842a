import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokensService } from '../../modules/tokens/tokens.service';
import { startTestApp, type TestServer } from '../../testing/test-app';
import { ALLOWED_PUBLIC_ROUTES, ROUTE_ACCESS } from './route-access.table';
import { ROLES, type Role, roleAtLeast } from './roles';

const DENIAL_CODES = new Set(['UNAUTHENTICATED', 'ROLE_TOO_LOW', 'ROUTE_NOT_AUTHORISED', 'ONE_TIME_TOKEN_INVALID', 'TOKEN_INVALID']);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface Answer {
  status: number;
  code: string | undefined;
}

/**
 * Walks every operation of the real application's OpenAPI document: unauthenticated calls are
 * refused unless the route is one of the few open ones, each role below the route's requirement is
 * refused, the required role gets through the guard (whatever the handler then says about an empty
 * body or an unknown id).
 */
describe('route authorisation matrix', () => {
  let t: TestServer;
  let base: string;
  let operations: { key: string; method: string; path: string }[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp({ initialAdmin: false });
    base = t.baseUrl;
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path })),
    );
    for (const role of ROLES) {
      const user = await t.seedUser(`matrix-${role}`, role);
      const principal = { kind: 'user' as const, id: user.id, name: user.username, role, userId: user.id };
      tokens.set(role, (await t.app.get(TokensService).create(principal, { name: `matrix ${role}`, role })).token);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  async function call(method: string, path: string, token?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const url = `${base}${path.replace(/\{[^}]+\}/g, SOME_ID)}`;
    const abort = new AbortController();
    const res = await fetch(url, { method, headers, body: method === 'GET' || method === 'DELETE' ? undefined : '{}', signal: abort.signal });
    let code: string | undefined;
    if (res.headers.get('content-type')?.includes('application/json') && res.status >= 400) {
      code = ((await res.json()) as { code?: string }).code;
    } else {
      // Streams (server-sent events, exports) answer with headers first; the body is not needed.
      abort.abort();
    }
    return { status: res.status, code };
  }

  it('has exactly one checked-in decision per operation', () => {
    const inDocument = operations.map((o) => o.key).sort();
    const undecided = inDocument.filter((k) => !(k in ROUTE_ACCESS));
    const stale = Object.keys(ROUTE_ACCESS).filter((k) => !inDocument.includes(k));
    expect(undecided, 'operations without a row in route-access.table.ts').toEqual([]);
    expect(stale, 'rows in route-access.table.ts for operations that do not exist').toEqual([]);
    expect(inDocument.length).toBeGreaterThan(10);
  });

  it('opens only sign-in, setup, health and one-time-token routes', () => {
    const open = Object.entries(ROUTE_ACCESS).filter(([, d]) => d === 'public').map(([k]) => k);
    expect(open.filter((k) => !ALLOWED_PUBLIC_ROUTES.includes(k))).toEqual([]);
  });

  it('refuses every non-public operation without credentials', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const decision = ROUTE_ACCESS[op.key];
      if (decision === undefined) continue;
      const answer = await call(op.method, op.path);
      const refused = answer.status === 401 && DENIAL_CODES.has(answer.code ?? '');
      if (decision === 'public' ? answer.status === 401 || answer.status === 403 : !refused) wrong.push(`${op.key} (${decision}) -> ${answer.status} ${answer.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every role below the requirement and lets the required role through', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const decision = ROUTE_ACCESS[op.key];
      if (decision === undefined || decision === 'public') continue;
      for (const role of ROLES) {
        const answer = await call(op.method, op.path, tokens.get(role));
        const deniedByGuard = DENIAL_CODES.has(answer.code ?? '') && (answer.status === 401 || answer.status === 403);
        // One-time-token routes accept neither sessions nor API tokens, whatever the role.
        const shouldPass = !decision.startsWith('one-time-token:') && roleAtLeast(role, decision as Role);
        if (deniedByGuard === shouldPass) wrong.push(`${op.key} (${decision}) as ${role} -> ${answer.status} ${answer.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
