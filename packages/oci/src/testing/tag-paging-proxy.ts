import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TagPagingProxy {
  url: string;
  /** Every tags/list URL the proxy answered, in order, so tests can see the pages a client walked. */
  pageRequests: string[];
  stop(): Promise<void>;
}

/**
 * Docker Distribution 2.8 ignores `n`/`last` on tags/list (it pages only _catalog). This proxy sits
 * in front of an http registry and pages the real tag list the way the distribution spec says:
 * lexical order, `n` per page, `Link: <...?n=&last=>; rel="next"`. Everything else is passed through.
 */
export async function startTagPagingProxy(upstreamUrl: string): Promise<TagPagingProxy> {
  const pageRequests: string[] = [];
  const upstream = new URL(upstreamUrl);

  const forward = (req: IncomingMessage, path: string): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      const out = httpRequest({ host: upstream.hostname, port: upstream.port, path, method: req.method, headers }, resolve);
      out.on('error', reject);
      req.pipe(out);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const tagsList = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (!tagsList) {
      const upstreamRes = await forward(req, `${url.pathname}${url.search}`);
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
      return;
    }
    pageRequests.push(`${url.pathname}${url.search}`);
    const upstreamRes = await forward(req, url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of upstreamRes as AsyncIterable<Buffer>) chunks.push(chunk);
    if (upstreamRes.statusCode !== 200) {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      res.end(Buffer.concat(chunks));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; tags: string[] | null };
    const last = url.searchParams.get('last');
    const n = Number(url.searchParams.get('n') ?? Infinity);
    const remaining = (body.tags ?? []).sort().filter((t) => last === null || t > last);
    const page = remaining.slice(0, n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (remaining.length > page.length) {
      headers.link = `<${url.pathname}?n=${n}&last=${encodeURIComponent(page[page.length - 1] ?? '')}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name: body.name, tags: page }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pageRequests,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
