// pino-http with bootfleet's options, in front of a real HTTP server: what a request's log line holds and its level.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLogging } from './request-logging';

describe('request logging', () => {
  const lines: Record<string, unknown>[] = [];
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const log = pinoHttp(requestLogging('debug', false), sink);
    server = http.createServer((req, res) => {
      log(req, res);
      res.setHeader('set-cookie', 'bootfleet_session=secret-cookie');
      res.statusCode = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const logged = async (method: string, path: string) => {
    const before = lines.length;
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { cookie: 'bootfleet_session=secret-cookie', authorization: 'Bearer bft_secret' } });
    await res.text();
    await new Promise((r) => setTimeout(r, 20)); // the line is written when the response finishes
    return lines.slice(before);
  };

  it('logs reads at debug, changes at info, server failures at error', async () => {
    expect((await logged('GET', '/api/hosts?page=2')).map((l) => l.level)).toEqual([20]);
    expect((await logged('POST', '/api/hosts')).map((l) => l.level)).toEqual([30]);
    expect((await logged('GET', '/api/hosts?status=404')).map((l) => l.level)).toEqual([30]);
    expect((await logged('DELETE', '/api/hosts/x?status=500')).map((l) => l.level)).toEqual([50]);
  });

  it('names the request by id, method, URL and source, never with its credentials', async () => {
    const [line] = await logged('GET', '/api/hosts?page=3');
    expect(line?.req).toEqual({ id: expect.anything(), method: 'GET', url: '/api/hosts?page=3', remoteAddress: '127.0.0.1' });
    expect(JSON.stringify(line)).not.toMatch(/secret/);
  });

  it('leaves health probes and anything outside the API out', async () => {
    expect(await logged('GET', '/api/health')).toEqual([]);
    expect(await logged('GET', '/assets/app.js')).toEqual([]);
  });
});
