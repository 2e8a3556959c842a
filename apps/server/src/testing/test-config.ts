import { randomBytes } from 'node:crypto';
import { type AppConfig, parseConfig } from '../config/config.schema';

/**
 * A valid configuration for tests, as if read from an environment holding `env`. Each call gets its
 * own master key so that no test writes a key file into the working directory, and a small database
 * pool so that the many servers a test run starts stay within PostgreSQL's connection limit.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return parseConfig(
    { BOOTFLEET_LOG_LEVEL: 'warn', BOOTFLEET_SECRET_KEY: randomBytes(32).toString('base64'), BOOTFLEET_DB_POOL_SIZE: '4', BOOTFLEET_SHUTDOWN_TIMEOUT_MS: '5000', ...env },
    '0.0.0-test',
    process.cwd(),
  );
}
