// Benchmark (figures printed and written to a JSON file, never asserted):
//   template build time for a 1 GiB base ISO; per host: time to first byte and full stream
//   time beside a per-host xorriso remaster + implantisomd5 (the mkksiso method) in the same
//   run; 20 concurrent per-host downloads over loopback HTTP beside a plain read of the file.
// Run: npm run bench -w @bootfleet/iso-builder [-- OUT.json] (default $BOOTFLEET_BENCH_DIR/iso-builder.json)
// Figures depend on machine load; the file read speed is measured in the same run for scale.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runTool } from '../src/exec/run-tool';
import { hostIsoStream, loadTemplate, type LoadedTemplate } from '../src/per-host';
import { buildTemplate, padKickstart } from '../src/template';
import { syntheticBaseIso } from '../src/testing';

const BASE_BYTES = 1024 ** 3;
const CONCURRENT_DOWNLOADS = 20;
const IMAGE = `registry.example.com/fleet/os@sha256:${'ab'.repeat(32)}`;

function kickstartFor(host: number): string {
  return `# bench host ${host}\ntext\nnetwork --bootproto=dhcp --hostname=host-${host}.example.com\nreboot\n`;
}

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await action();
  return { ms: performance.now() - start, value };
}

async function streamOnce(template: LoadedTemplate, host: number): Promise<{ firstByteMs: number; totalMs: number; bytes: number }> {
  const start = performance.now();
  const { stream } = hostIsoStream(template, kickstartFor(host));
  let firstByteMs = -1;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (firstByteMs < 0) firstByteMs = performance.now() - start;
    bytes += chunk.length;
  }
  return { firstByteMs, totalMs: performance.now() - start, bytes };
}

async function readFileSpeed(path: string): Promise<number> {
  const start = performance.now();
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes / ((performance.now() - start) / 1000);
}

async function mkksisoStyleRemaster(templatePath: string, host: number, dir: string): Promise<number> {
  const ks = join(dir, `ks-${host}.cfg`);
  const out = join(dir, `remaster-${host}.iso`);
  await writeFile(ks, padKickstart(kickstartFor(host), 64 * 1024));
  const { ms } = await timed(async () => {
    await runTool('xorriso', ['-indev', templatePath, '-outdev', out, '-boot_image', 'any', 'replay', '-joliet', 'on', '-map', ks, '/ks.cfg']);
    await runTool('implantisomd5', ['-f', out]);
  });
  await rm(out, { force: true });
  return ms;
}

function serve(template: LoadedTemplate): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const host = Number(/^\/host\/(\d+)$/.exec(request.url ?? '')?.[1] ?? 0);
    const { bytes, stream } = hostIsoStream(template, kickstartFor(host));
    response.writeHead(200, { 'content-type': 'application/x-iso9660-image', 'content-length': bytes });
    stream.pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer({ server, port: (server.address() as { port: number }).port })));
}

/** A separate curl process per download, so the clients do not compete with the server's event loop. */
function download(port: number, host: number): Promise<number> {
  return new Promise((resolveDownload, reject) => {
    const curl = spawn('curl', ['-sf', '-o', '/dev/null', '-w', '%{size_download}', `http://127.0.0.1:${port}/host/${host}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    curl.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    curl.on('error', reject);
    curl.on('close', (code) => (code === 0 ? resolveDownload(Number(out)) : reject(new Error(`curl exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  // The root `npm run bench` collects every workspace's figures from BOOTFLEET_BENCH_DIR.
  const outFile = resolve(process.argv[2] ?? join(process.env.BOOTFLEET_BENCH_DIR ?? 'bench-results', 'iso-builder.json'));
  const dir = await mkdtemp(join(tmpdir(), 'bootfleet-iso-bench-'));
  try {
    const base = await timed(() => syntheticBaseIso({ layout: 'isolinux', paddingBytes: BASE_BYTES - 24 * 1024 * 1024 }));
    const baseBytes = (await stat(base.value)).size;
    const built = await timed(() => buildTemplate({ basePath: base.value, outPath: join(dir, 'template.iso'), imageRef: IMAGE }));
    const loaded = await timed(() => loadTemplate(built.value.templatePath));
    const template = loaded.value;
    const perHost = [];
    for (let host = 0; host < 3; host++) perHost.push(await streamOnce(template, host));
    const remasterMs = await mkksisoStyleRemaster(built.value.templatePath, 0, dir);
    const fileReadBytesPerSecond = await readFileSpeed(built.value.templatePath);
    const inProcess = await timed(() => Promise.all(Array.from({ length: CONCURRENT_DOWNLOADS }, (_, host) => streamOnce(template, host))));
    const { server, port } = await serve(template);
    const concurrent = await timed(() => Promise.all(Array.from({ length: CONCURRENT_DOWNLOADS }, (_, host) => download(port, host))));
    server.close();
    const concurrentBytes = concurrent.value.reduce((sum, bytes) => sum + bytes, 0);
    const bestStreamMs = Math.min(...perHost.map((run) => run.totalMs));
    const figures = {
      baseIsoBytes: baseBytes,
      baseIsoPreparedMs: Math.round(base.ms),
      templateBuildMs: Math.round(built.ms),
      templateLoadMs: Math.round(loaded.ms),
      perHostRuns: perHost.map((run) => ({ firstByteMs: +run.firstByteMs.toFixed(2), totalMs: Math.round(run.totalMs), bytes: run.bytes })),
      perHostRemasterMs: Math.round(remasterMs),
      speedupVsRemaster: +(remasterMs / bestStreamMs).toFixed(1),
      fileReadMBps: Math.round(fileReadBytesPerSecond / 1e6),
      concurrentDownloads: CONCURRENT_DOWNLOADS,
      concurrentStreamsInProcessMBps: Math.round(inProcess.value.reduce((sum, run) => sum + run.bytes, 0) / (inProcess.ms / 1000) / 1e6),
      concurrentStreamsWorstFirstByteMs: +Math.max(...inProcess.value.map((run) => run.firstByteMs)).toFixed(2),
      concurrentTotalMs: Math.round(concurrent.ms),
      concurrentAggregateMBps: Math.round(concurrentBytes / (concurrent.ms / 1000) / 1e6),
      targets: { speedupAtLeast: 10, firstByteMsAtMost: 100, concurrentAtDiskSpeed: 'concurrentAggregateMBps close to fileReadMBps' },
    };
    console.log(JSON.stringify(figures, null, 2));
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(figures, null, 2) + '\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
