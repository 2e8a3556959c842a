import type { IncomingMessage } from 'node:http';
import type { LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { SAFE_METHODS } from '../../common/auth/csrf';

/**
 * The level a finished API request is logged at. Reads are what dashboards poll, hundreds a second on a busy
 * fleet: debug. Changes: info. Failures of the server: error.
 */
export function requestLogLevel(method: string | undefined, status: number, failed: boolean): LevelWithSilent {
  if (failed || status >= 500) return 'error';
  return SAFE_METHODS.has(method ?? '') && status < 400 ? 'debug' : 'info';
}

/** A request in a log line: what identifies it. Headers stay out: they carry credentials, and repeat on every line. */
export function requestLogFields(req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) {
  return { id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress };
}

/** pino-http's options: one line per finished API request, at requestLogLevel. */
export function requestLogging(level: LevelWithSilent, pretty: boolean): Options {
  return {
    level,
    ...(pretty ? { transport: { target: 'pino-pretty' } } : {}),
    // Health probes and static files would drown the log.
    autoLogging: { ignore: (req: IncomingMessage) => !req.url?.startsWith('/api/') || req.url === '/api/health' },
    customLogLevel: (req, res, err) => requestLogLevel(req.method, res.statusCode, err !== undefined),
    // Every request's logger is bound to its serialised request, logged or not: keep that small.
    serializers: { req: requestLogFields },
    redact: ['res.headers["set-cookie"]'],
  };
}
