import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AppConfig, parseConfig } from './config.schema';

function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The only place in the server that reads process.env. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return parseConfig({ ...process.env, ...overrides }, serverVersion(), process.cwd());
}
