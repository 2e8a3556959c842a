import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.factory';
import type { AppConfig } from '../config/config.schema';
import { testConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_ADMIN = { username: 'admin', password: 'correct-horse-battery' };

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A signed-in HTTP client of a running test app: cookie session plus its CSRF token. */
export interface ApiClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  get<T = unknown>(path: string): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  baseUrl: string;
  /** Signed in as the initial admin. */
  admin: ApiClient;
  signIn(username: string, password: string): Promise<ApiClient>;
  close(): Promise<void>;
}

async function signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string | null };
  const request = async <T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: r.status, body: parsed as T };
  };
  return { request, get: (path) => request('GET', path), post: (path, body) => request('POST', path, body ?? {}) };
}

/** The real application on a fresh database, listening on a free loopback port, with an admin signed in. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig({ BOOTFLEET_ADMIN_USERNAME: TEST_ADMIN.username, BOOTFLEET_ADMIN_PASSWORD: TEST_ADMIN.password, BOOTFLEET_WEB_DIR: '/nonexistent-web-dir', ...env });
  const app = await createApp(config, db.url);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (err) {
    await app.close();
    await db.drop();
    throw err;
  }
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const admin = await signIn(baseUrl, TEST_ADMIN.username, TEST_ADMIN.password);
  return {
    app,
    config,
    db,
    baseUrl,
    admin,
    signIn: (u, p) => signIn(baseUrl, u, p),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
