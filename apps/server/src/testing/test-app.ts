import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.factory';
import type { Role } from '../common/auth/roles';
import type { AppConfig } from '../config/config.schema';
import { ApiClient } from '../modules/auth/testing/api-client';
import { UsersService } from '../modules/users/users.service';
import { testConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export type { ApiClient, ApiResponse } from '../modules/auth/testing/api-client';

/** The initial admin a test server is configured with (BOOTFLEET_ADMIN_USERNAME/PASSWORD). */
export const TEST_ADMIN = { username: 'admin', password: 'correct-horse-battery' };

export interface TestAppOptions {
  /** Environment on top of the test configuration. */
  env?: Record<string, string>;
  /** Configure TEST_ADMIN and sign it in as `admin` (the default); false starts with no user at all. */
  initialAdmin?: boolean;
  /** A database the caller owns and drops (several servers on one database); by default a fresh one that close() drops. */
  db?: TestDatabase;
}

export interface SeededUser {
  id: string;
  username: string;
  password: string;
}

/** The real application on a migrated database, listening on a free loopback port. */
export interface TestServer {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  baseUrl: string;
  /** A client with no session yet, like a fresh browser. */
  client(): ApiClient;
  signIn(username: string, password: string): Promise<ApiClient>;
  /** Creates a user directly through the service, bypassing the API and its audit. */
  seedUser(username: string, role: Role, password?: string): Promise<SeededUser>;
  /** A client signed in as a new user of `role`. */
  signedIn(role: Role, username?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface TestApp extends TestServer {
  /** Signed in as TEST_ADMIN. */
  admin: ApiClient;
}

export function startTestApp(options?: TestAppOptions & { initialAdmin?: true }): Promise<TestApp>;
export function startTestApp(options: TestAppOptions & { initialAdmin: false }): Promise<TestServer>;
export async function startTestApp({ env = {}, initialAdmin = true, db: sharedDb }: TestAppOptions = {}): Promise<TestServer | TestApp> {
  const db = sharedDb ?? (await createTestDatabase());
  const dropOwnDb = () => (sharedDb ? Promise.resolve() : db.drop());
  const adminEnv: Record<string, string> = initialAdmin ? { BOOTFLEET_ADMIN_USERNAME: TEST_ADMIN.username, BOOTFLEET_ADMIN_PASSWORD: TEST_ADMIN.password } : {};
  const config = testConfig({ ...adminEnv, BOOTFLEET_WEB_DIR: '/nonexistent-web-dir', ...env });
  const app = await createApp(config, db.url);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (err) {
    await app.close();
    await dropOwnDb();
    throw err;
  }
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const client = () => new ApiClient(baseUrl);
  const signIn = async (username: string, password: string) => {
    const signedIn = client();
    await signedIn.login(username, password);
    return signedIn;
  };
  const seedUser = async (username: string, role: Role, password = `${username}-password-123`): Promise<SeededUser> => {
    const user = await app.get(UsersService).create({ username, password, role });
    return { id: user.id, username, password };
  };
  const server: TestServer = {
    app,
    config,
    db,
    baseUrl,
    client,
    signIn,
    seedUser,
    async signedIn(role, username = `${role}-${Math.random().toString(36).slice(2, 8)}`) {
      const user = await seedUser(username, role);
      return signIn(user.username, user.password);
    },
    async close() {
      await app.close();
      await dropOwnDb();
    },
  };
  if (!initialAdmin) return server;
  return { ...server, admin: await signIn(TEST_ADMIN.username, TEST_ADMIN.password) };
}
