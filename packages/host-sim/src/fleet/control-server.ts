// A small HTTP control endpoint on loopback for a fleet run from the CLI: inspect hosts, inject
// and clear faults, power hosts on, fire auto-update timers, rotate host keys.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostFaults } from '../host/faults';
import { renderStatusJson } from '../state/status-document';
import type { Fleet } from './start-fleet';
import type { SimNode } from './sim-node';

export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function summary(node: SimNode): object {
  const state = node.host.bootcState;
  return {
    name: node.host.name,
    address: node.ssh.address,
    port: node.ssh.port,
    power: node.host.powerState,
    degraded: node.host.isDegraded,
    bootId: state.bootId,
    booted: state.booted?.image?.imageDigest ?? null,
    staged: state.staged?.image?.imageDigest ?? null,
    autoUpdateTimer: state.autoUpdateTimer,
    faults: node.host.faults,
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

async function route(fleet: Fleet, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://control');
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'hosts') throw new HttpError(404, 'not found');
  if (parts.length === 1 && req.method === 'GET') return fleet.nodes.map(summary);
  let node: SimNode;
  try {
    node = fleet.node(decodeURIComponent(parts[1] ?? ''));
  } catch (err) {
    throw new HttpError(404, (err as Error).message);
  }
  const action = `${req.method ?? 'GET'} ${parts.slice(2).join('/')}`;
  switch (action) {
    case 'GET ':
      return summary(node);
    case 'GET status':
      return JSON.parse(renderStatusJson(node.host.bootcState)) as unknown;
    case 'GET records':
      return node.host.records;
    case 'POST faults':
      node.host.setFaults((await readJson(req)) as HostFaults);
      return summary(node);
    case 'DELETE faults':
      node.host.clearFaults();
      return summary(node);
    case 'POST power-on':
      node.host.powerOn();
      return summary(node);
    case 'POST rotate-host-key':
      node.ssh.rotateHostKey();
      return { hostKeyFingerprint: node.ssh.hostKeyFingerprint };
    case 'POST fire-auto-update-timer':
      return { result: await node.host.fireAutoUpdateTimer() };
    default:
      throw new HttpError(404, `no route ${action}`);
  }
}

export async function startControlServer(fleet: Fleet, port = 0, address = '127.0.0.1'): Promise<ControlServer> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(fleet, req).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`),
      (err: Error) => {
        const status = err instanceof HttpError ? err.status : 500;
        res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify({ error: err.message })}\n`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  const bound = server.address() as AddressInfo;
  return {
    url: `http://${address}:${bound.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
