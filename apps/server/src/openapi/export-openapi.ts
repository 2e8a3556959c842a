import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/load-config';
import { buildOpenApiDocument } from './openapi';

/**
 * Prints the OpenAPI document on stdout without touching a database: the dashboard's API client is
 * generated from it (`npm run api:generate -w apps/web`).
 */
export async function exportOpenApi(): Promise<string> {
  const config = loadConfig({ BOOTFLEET_LOG_LEVEL: 'silent', BOOTFLEET_ROLES: 'api' });
  const app = await createApp(config, 'postgresql://openapi-export@127.0.0.1:1/none');
  try {
    return `${JSON.stringify(buildOpenApiDocument(app, config.version), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  exportOpenApi().then(
    (doc) => process.stdout.write(doc),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
