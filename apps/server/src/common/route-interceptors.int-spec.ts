// Which routes the application's interceptors go on (attachRouteInterceptors), read from the routes' metadata
// after the application has started, as Nest reads it to build each route.
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditController } from '../modules/audit/audit.controller';
import { AuditInterceptor } from '../modules/audit/audit.interceptor';
import { HostsController } from '../modules/hosts/hosts.controller';
import { startTestApp, type TestServer } from '../testing/test-app';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

const interceptorsOf = (handler: unknown) =>
  ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler as object) as object[] | undefined) ?? []).map((i) => i.constructor);

describe('route interceptors', () => {
  let db: TestDatabase;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two applications of the same controllers, as tests make them: the second replaces the first's interceptors.
    servers.push(await startTestApp({ db, initialAdmin: false }));
    servers.push(await startTestApp({ db, initialAdmin: false }));
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await db?.drop();
  });

  it('audits changes and the reads marked @Audit, serialises routes with @ZodSerializerDto, and leaves plain reads bare', () => {
    const hosts = HostsController.prototype;
    expect(interceptorsOf(hosts.list)).toEqual([]);
    expect(interceptorsOf(hosts.get)).toEqual([ZodSerializerInterceptor]);
    expect(interceptorsOf(hosts.probe)).toEqual([AuditInterceptor, ZodSerializerInterceptor]);
    expect(interceptorsOf(hosts.remove)).toEqual([AuditInterceptor]);
    expect(interceptorsOf(AuditController.prototype.export)).toEqual([AuditInterceptor]);
    expect(interceptorsOf(AuditController.prototype.list)).toEqual([]);
  });
});
