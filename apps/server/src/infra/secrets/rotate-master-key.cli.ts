import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from '../../config/load-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { rotateMasterKey } from './master-key-rotation';

/** `npm run secrets:rotate -w apps/server` (after `npm run build`): see README, "Security". */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: 'info', base: { svc: 'bootfleet-secrets-rotate' } });
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, config.embeddedDbPort, log);
  try {
    const result = await rotateMasterKey(config, config.databaseUrl ?? embedded!.url);
    log.info(result, 'every sealed value is now under the new master key');
    if (result.newKeyLocation === 'environment') {
      log.warn('replace BOOTFLEET_SECRET_KEY with the value of BOOTFLEET_NEW_SECRET_KEY before starting the servers');
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
