import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signJwtWithCertificate } from './jwt';

export interface TokenServerOptions {
  issuer: string;
  service: string;
  username: string;
  password: string;
  keyPem: string;
  certPem: string;
  tokenLifetimeS?: number;
}

export interface TokenServer {
  realm: string;
  /** How many tokens were issued, so tests can see the client's token cache at work. */
  issued(): number;
  stop(): Promise<void>;
}

interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

/** `repository:team/app:pull,push` -> {type, name, actions}; names may not hold ':' but be safe anyway. */
export function parseScope(scope: string): AccessEntry | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return null;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) };
}

function deny(res: ServerResponse, message: string): void {
  res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="bootfleet-test-token"' });
  res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message }] }));
}

/**
 * A minimal Docker token server (the "realm" of the bearer flow): checks Basic credentials and
 * grants every requested scope to the one known user, signed for the registry's rootcertbundle.
 */
export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  let issued = 0;
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const lifetime = opts.tokenLifetimeS ?? 300;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    if (req.headers.authorization !== expected) {
      deny(res, req.headers.authorization ? 'wrong username or password' : 'credentials required');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).map(parseScope).filter((a): a is AccessEntry => a !== null);
    const claims = {
      iss: opts.issuer,
      sub: opts.username,
      aud: url.searchParams.get('service') ?? opts.service,
      exp: now + lifetime,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const token = signJwtWithCertificate(claims, opts.keyPem, opts.certPem);
    issued += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: lifetime, issued_at: new Date(now * 1000).toISOString() }));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    issued: () => issued,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
