import path from 'node:path';
import { z } from 'zod';
import { passwordSchema, usernameSchema } from '../common/auth/credential-rules';

const port = z.coerce.number().int().min(1).max(65_535);
// 32 random bytes, base64 (`openssl rand -base64 32`).
const secretKey = z
  .string()
  .transform((v) => Buffer.from(v, 'base64'))
  .refine((b) => b.length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)');
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
  BOOTFLEET_API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  BOOTFLEET_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
  BOOTFLEET_DB_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  BOOTFLEET_SSH_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(100),
  BOOTFLEET_SSH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  BOOTFLEET_SSH_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  BOOTFLEET_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  BOOTFLEET_STEP_LEASE_MS: z.coerce.number().int().min(3_000).max(600_000).default(15_000),
  BOOTFLEET_SECRET_KEY: secretKey.optional(),
  BOOTFLEET_NEW_SECRET_KEY: secretKey.optional(),
  BOOTFLEET_ADMIN_USERNAME: usernameSchema.optional(),
  BOOTFLEET_ADMIN_PASSWORD: passwordSchema.optional(),
  BOOTFLEET_SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(12),
  BOOTFLEET_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url().refine((o) => new URL(o).origin === o, 'each origin is scheme://host[:port] only'))),
  BOOTFLEET_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  BOOTFLEET_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim())))
    .refine((v) => typeof v !== 'object' || v.every((s) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(s)), 'must be true, false, a hop count, or addresses/CIDRs (loopback, uniquelocal, 10.0.0.0/8, ...)'),
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
  /**
   * How long a rollout step's lease lasts (renewed every third of it): after a crash, another process takes the
   * step over this long after the last renewal. Longer tolerates stalls (GC, a saturated database) without
   * handing a live step over; shorter resumes a dead process's steps sooner.
   */
  stepLeaseMs: number;
  ssh: { concurrency: number; connectTimeoutMs: number; commandTimeoutMs: number };
  /** Processes serving the API on the one port (see api-processes.ts). */
  apiProcesses: number;
  /** Connections this process opens for queries; the job queue adds a quarter of it and events two. */
  dbPoolSize: number;
  /** AES-256 master key for secrets at rest; unset: generated into `<dataDir>/master.key`. */
  secretKey: Buffer | undefined;
  /** Only read by the key rotation command: the key to re-encrypt everything under. */
  newSecretKey: Buffer | undefined;
  /** Initial admin created on start while no user exists. */
  initialAdmin: { username: string; password: string } | undefined;
  sessionTtlMs: number;
  corsOrigins: readonly string[];
  cookieSecure: 'auto' | boolean;
  /** Express "trust proxy": whose X-Forwarded-For/-Proto to believe (source addresses, https). */
  trustProxy: boolean | number | string[];
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
  if (Boolean(c.BOOTFLEET_ADMIN_USERNAME) !== Boolean(c.BOOTFLEET_ADMIN_PASSWORD)) {
    const missing = c.BOOTFLEET_ADMIN_USERNAME ? 'BOOTFLEET_ADMIN_PASSWORD' : 'BOOTFLEET_ADMIN_USERNAME';
    throw new ConfigError([{ variable: missing, message: 'BOOTFLEET_ADMIN_USERNAME and BOOTFLEET_ADMIN_PASSWORD go together' }]);
  }
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
    stepLeaseMs: c.BOOTFLEET_STEP_LEASE_MS,
    apiProcesses: c.BOOTFLEET_API_PROCESSES,
    dbPoolSize: c.BOOTFLEET_DB_POOL_SIZE,
    ssh: {
      concurrency: c.BOOTFLEET_SSH_CONCURRENCY,
      connectTimeoutMs: c.BOOTFLEET_SSH_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: c.BOOTFLEET_SSH_COMMAND_TIMEOUT_MS,
    },
    secretKey: c.BOOTFLEET_SECRET_KEY,
    newSecretKey: c.BOOTFLEET_NEW_SECRET_KEY,
    initialAdmin:
      c.BOOTFLEET_ADMIN_USERNAME && c.BOOTFLEET_ADMIN_PASSWORD
        ? { username: c.BOOTFLEET_ADMIN_USERNAME, password: c.BOOTFLEET_ADMIN_PASSWORD }
        : undefined,
    sessionTtlMs: Math.round(c.BOOTFLEET_SESSION_TTL_HOURS * 3_600_000),
    corsOrigins: c.BOOTFLEET_CORS_ORIGINS,
    cookieSecure: c.BOOTFLEET_COOKIE_SECURE === 'auto' ? 'auto' : c.BOOTFLEET_COOKIE_SECURE === 'true',
    trustProxy: c.BOOTFLEET_TRUST_PROXY,
    version,
  };
}
