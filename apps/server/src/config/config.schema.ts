import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65_535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const SERVER_ROLES = ['api', 'worker', 'scheduler'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

// Every environment variable bootfleet reads, with its default. README's configuration table
// mirrors this list.
export const configSchema = z.object({
  BOOTFLEET_PORT: port.default(8080),
  BOOTFLEET_LISTEN_HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .refine((v) => URL.canParse(v), 'is not a valid URL')
    .optional(),
  BOOTFLEET_DATA_DIR: z.string().min(1).default('./.data'),
  BOOTFLEET_EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  BOOTFLEET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOOTFLEET_LOG_PRETTY: bool.default(false),
  BOOTFLEET_WEB_DIR: z.string().optional(),
  BOOTFLEET_ROLES: z
    .string()
    .default(SERVER_ROLES.join(','))
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(SERVER_ROLES)).min(1, 'needs at least one of api, worker, scheduler')),
  BOOTFLEET_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
  BOOTFLEET_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  port: number;
  listenHost: string;
  /** Set when an external database is used; otherwise an embedded one is started under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDbPort: number;
  logLevel: RawConfig['BOOTFLEET_LOG_LEVEL'];
  logPretty: boolean;
  webDir: string;
  roles: ReadonlySet<ServerRole>;
  jobConcurrency: number;
  shutdownTimeoutMs: number;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>, version: string, cwd: string): AppConfig {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const c = result.data;
  return {
    port: c.BOOTFLEET_PORT,
    listenHost: c.BOOTFLEET_LISTEN_HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(cwd, c.BOOTFLEET_DATA_DIR),
    embeddedDbPort: c.BOOTFLEET_EMBEDDED_DB_PORT,
    logLevel: c.BOOTFLEET_LOG_LEVEL,
    logPretty: c.BOOTFLEET_LOG_PRETTY,
    webDir: c.BOOTFLEET_WEB_DIR ? path.resolve(cwd, c.BOOTFLEET_WEB_DIR) : path.resolve(__dirname, '../../../web/dist'),
    roles: new Set(c.BOOTFLEET_ROLES),
    jobConcurrency: c.BOOTFLEET_JOB_CONCURRENCY,
    shutdownTimeoutMs: c.BOOTFLEET_SHUTDOWN_TIMEOUT_MS,
    version,
  };
}
