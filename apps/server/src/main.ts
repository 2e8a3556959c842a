import 'reflect-metadata';
import cluster from 'node:cluster';
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import { startApiProcesses } from './api-processes';
import { createApp } from './app.factory';
import { ConfigError } from './config/config.schema';
import { loadConfig } from './config/load-config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './infra/database/embedded-postgres';
import { migrateDeploy } from './infra/database/migrate';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel, base: { svc: 'bootfleet' } });

  // Filled in as start-up progresses, so that a signal at any point stops what has started.
  const running: { app?: INestApplication; embedded?: EmbeddedDatabase; processes?: { stop(): Promise<void> } } = {};
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    try {
      await running.processes?.stop();
      await running.app?.close();
      await running.embedded?.stop();
    } finally {
      clearTimeout(force);
      process.exit(exitCode);
    }
  };
  // One orderly shutdown owns the signals: the embedded PostgreSQL package installs its own handlers
  // (stop the database, exit 143) that would race the server's close, so they are replaced.
  const ownSignals = () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => void shutdown(signal));
    }
  };
  ownSignals();

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    running.embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedDbPort, log);
    ownSignals();
    databaseUrl = running.embedded.url;
  }
  const t0 = Date.now();
  await migrateDeploy(databaseUrl);
  log.info({ ms: Date.now() - t0 }, 'database migrations applied');

  if (config.apiProcesses > 1 && config.roles.has('api') && cluster.isPrimary) {
    running.processes = await startApiProcesses({
      count: config.apiProcesses,
      roles: [...config.roles],
      databaseUrl,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      log,
      onGiveUp: () => void shutdown('server processes keep exiting', 1),
    });
    // Each process says when it is ready, with the address.
    log.info({ processes: config.apiProcesses }, 'API processes started');
    return;
  }
  const app = await createApp(config, databaseUrl);
  running.app = app;
  if (config.roles.has('api')) {
    await app.listen(config.port, config.listenHost);
    log.info({ url: `http://${config.listenHost === '0.0.0.0' ? 'localhost' : config.listenHost}:${config.port}/` }, 'bootfleet is ready');
  } else {
    await app.init();
    log.info({ roles: [...config.roles] }, 'bootfleet worker is ready');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
