import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../../common/auth/roles';
import { UsersService } from '../../users/users.service';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/**
 * A tiny browser stand-in for integration tests: keeps cookies, sends the CSRF header the way the
 * dashboard does, or a bearer token the way automation does.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  bearer: string | undefined;

  constructor(readonly base: string) {}

  static forApp(app: INestApplication): ApiClient {
    return new ApiClient(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('bootfleet_csrf');
    if (csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1).trim());
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (CSV export, HTML): keep the text.
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body ?? {});
  }

  async login(username: string, password: string): Promise<ApiResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${res.text}`);
    return res;
  }
}

/** Creates a user directly through the service (tests only). */
export async function seedUser(app: INestApplication, username: string, role: Role, password = `${username}-password-123`): Promise<{ username: string; password: string; id: string }> {
  const user = await app.get(UsersService).create({ username, password, role });
  return { username, password, id: user.id };
}

/** A client signed in as a new user of `role`. */
export async function signedInClient(app: INestApplication, role: Role, username = `${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<ApiClient> {
  const user = await seedUser(app, username, role);
  const client = ApiClient.forApp(app);
  await client.login(user.username, user.password);
  return client;
}
