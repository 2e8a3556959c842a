import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { AppConfig } from '../../config/config.schema';

/**
 * helmet with a Content-Security-Policy that the dashboard and the API docs work with: everything
 * from this origin only, no framing, no plugins. Inline styles stay allowed for the Swagger UI.
 * `upgrade-insecure-requests` is left out: bootfleet is often reached over plain HTTP on a LAN, and
 * the directive would make browsers fetch the dashboard's own files over HTTPS.
 */
export function applySecurityHeaders(app: INestApplication, config: Pick<AppConfig, 'corsOrigins'>): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  // Closed unless origins are configured; never a wildcard, since cookies are credentials.
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: [...config.corsOrigins], credentials: true, allowedHeaders: ['content-type', 'authorization', 'x-csrf-token'] });
  }
}
