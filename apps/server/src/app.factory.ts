import type { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ZodSerializerDto, ZodSerializerInterceptor } from 'nestjs-zod';
import { z } from 'zod';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config.schema';
import { applySecurityHeaders } from './common/auth/security-headers';
import { attachRouteInterceptors } from './common/route-interceptors';
import { AuditInterceptor, auditedRoute } from './modules/audit/audit.interceptor';
import { serveDashboard } from './infra/web/serve-dashboard';
import { buildOpenApiDocument, serveOpenApi } from './openapi/openapi';

export const API_PREFIX = 'api';
const BODY_LIMIT = '1mb';
/** The metadata key @ZodSerializerDto sets (nestjs-zod does not export it). */
const ZOD_SERIALIZER_DTO = ZodSerializerDto(z.null()).KEY;

/** Builds the HTTP application (not yet listening). Used by main.ts and by tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const reflector = app.get(Reflector);
  attachRouteInterceptors(app, [
    { interceptor: app.get(AuditInterceptor), on: (route) => auditedRoute(reflector, route) },
    // Answers of routes with @ZodSerializerDto are checked against their schema on the way out.
    { interceptor: new ZodSerializerInterceptor(reflector), on: (route) => reflector.getAllAndOverride(ZOD_SERIALIZER_DTO, [route.handler, route.controller]) !== undefined },
  ]);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.setGlobalPrefix(API_PREFIX);
  // Source addresses (audit, login throttling) and https detection (Secure cookies) come from
  // X-Forwarded-* only when the operator names the proxy in BOOTFLEET_TRUST_PROXY.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers carry fleet data and sessions' state: browsers and proxies never store them. Hence no ETag
  // either, which Express computes by hashing every answer (half a millisecond of CPU for a 500-host page).
  app.set('etag', false);
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  applySecurityHeaders(app, config);
  app.use(cookieParser());
  serveOpenApi(app, buildOpenApiDocument(app, config.version));
  serveDashboard(app, config.webDir);
  return app;
}
