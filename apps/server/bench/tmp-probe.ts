import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { createTestDatabase } from '../src/testing/test-database';
import { cpuMs } from '../src/testing/processes';
import { startBenchServer } from './bench-server';
import { insertHosts, RawHttpClient } from './list-latency';
import { summarize } from './stats';

const pgPids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((p) => { try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('postgres'); } catch { return false; } }).map(Number);
async function main() {
  const db = await createTestDatabase();
  const server = await startBenchServer(db.url, JSON.parse(process.env.PROBE_ENV ?? '{}'));
  try {
    await insertHosts(db.url, 10_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const get = (p: string) => new Promise<number>((resolve, reject) => { http.get(`${server.baseUrl}${p}`, { agent, headers: server.headers }, (res) => { let n = 0; res.on('data', (c) => { n += c.length; }); res.on('end', () => resolve(res.statusCode === 200 ? n : -res.statusCode!)); }).on('error', reject); });
    for (const p of (process.env.PROBE_PATHS ?? '/api/auth/me,/api/hosts?pageSize=1,/api/hosts?pageSize=100,/api/hosts?pageSize=500&sort=status').split(',')) {
      const conns = await Promise.all(Array.from({ length: 20 }, () => RawHttpClient.connect(server.baseUrl, server.headers)));
      const run = async (n: number, rec?: number[]) => { let bytes = 0; await Promise.all(Array.from({ length: 20 }, async (_, k) => { for (let i = 0; i < n; i++) { const t = performance.now(); bytes = process.env.PROBE_RAW ? await conns[k]!.get(p) : await get(p); rec?.push(performance.now() - t); } })); return bytes; };
      await run(100);
      const s0 = cpuMs([server.pid]); const pg0 = cpuMs(pgPids()); const c0 = process.cpuUsage(); const t0 = performance.now(); const lat: number[] = [];
      const bytes = await run(150, lat);
      const sec = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0); const N = lat.length;
      console.log(p.padEnd(40), 'bytes', bytes, 'rps', Math.round(N / sec), 'p50', summarize(lat).p50, 'p95', summarize(lat).p95, 'cpu/req server', ((cpuMs([server.pid]) - s0) / N).toFixed(2), 'pg', ((cpuMs(pgPids()) - pg0) / N).toFixed(2), 'client', ((c.user + c.system) / 1000 / N).toFixed(2));
    }
  } finally { await server.stop(); await db.drop(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
