import { type AppConfig, parseConfig } from '../config/config.schema';

/** A valid configuration for tests, as if read from an environment holding `env`. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return parseConfig({ BOOTFLEET_LOG_LEVEL: 'warn', ...env }, '0.0.0-test', process.cwd());
}
