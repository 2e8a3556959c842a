// Fleet-scale figures for issue 4 (printed and written, never asserted):
//   (a) GET /api/hosts over 10,000 hosts with 20 concurrent clients (target p95 <= 50 ms),
//   (b) the Fleet page's first render in Chromium (target <= 1.5 s),
//   (c) a status refresh of 1,000 enrolled simulated hosts end to end: jobs, SSH, database (target <= 15 s).
// Needs the built server and dashboard (`npm run build -w apps/server -w apps/web`). Run from apps/server:
//   node --conditions=source --import tsx bench/fleet-bench.ts OUT.json [list] [render] [refresh]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../src/testing/test-database';
import { startBenchServer } from './bench-server';
import { measureFirstRender } from './first-render';
import { insertHosts, LIST_HOST_COUNT, measureListLatency } from './list-latency';
import { measureRefresh, registerFleet, startSimulatedFleet } from './refresh-fleet';

const REFRESH_HOSTS = 1_000;

async function main(): Promise<void> {
  const [out, ...parts] = process.argv.slice(2);
  if (!out) throw new Error('usage: fleet-bench.ts OUT.json [list] [render] [refresh]');
  const wanted = new Set(parts.length ? parts : ['list', 'render', 'refresh']);
  const figures: Record<string, unknown> = { at: new Date().toISOString() };
  const write = () => {
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  };
  const db = await createTestDatabase();
  const server = await startBenchServer(db.url);
  try {
    if (wanted.has('list') || wanted.has('render')) {
      const t0 = performance.now();
      await insertHosts(db.url, LIST_HOST_COUNT);
      figures.insertedHosts = { hosts: LIST_HOST_COUNT, seconds: Math.round(performance.now() - t0) / 1000 };
      if (wanted.has('list')) {
        figures.listLatency = { ...(await measureListLatency(server, db.url)), targetP95Ms: 50 };
        console.log('list latency', JSON.stringify(figures.listLatency));
      }
      if (wanted.has('render')) {
        figures.fleetFirstRender = { ...(await measureFirstRender(server)), targetMs: 1500 };
        console.log('first render', JSON.stringify(figures.fleetFirstRender));
      }
      write();
    }
    if (wanted.has('refresh')) {
      const sim = await startSimulatedFleet(REFRESH_HOSTS);
      try {
        await registerFleet(server, db.url, sim);
        const cold = await measureRefresh(server, db.url, REFRESH_HOSTS);
        const warm = await measureRefresh(server, db.url, REFRESH_HOSTS);
        figures.fleetRefresh = { cold, warm, targetSeconds: 15 };
        console.log('refresh', JSON.stringify(figures.fleetRefresh));
      } finally {
        await sim.stop();
      }
      write();
    }
  } finally {
    await server.stop();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
