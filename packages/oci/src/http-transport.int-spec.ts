import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './index';

const blob = Buffer.from('blob stored on another host\n');
const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
}

describe('redirects to blob storage on another origin', () => {
  const storageSaw: IncomingHttpHeaders[] = [];
  const registrySaw: IncomingHttpHeaders[] = [];
  const storage = createServer((req, res) => {
    storageSaw.push(req.headers);
    res.writeHead(200, { 'content-length': String(blob.length) }).end(blob);
  });
  let storageUrl = '';
  const registry = createServer((req, res) => {
    registrySaw.push(req.headers);
    res.writeHead(307, { location: `${storageUrl}/bucket/${digest}` }).end();
  });
  let registryUrl = '';

  beforeAll(async () => {
    storageUrl = await listen(storage, '127.0.0.2');
    registryUrl = await listen(registry, '127.0.0.1');
  });
  afterAll(async () => {
    for (const server of [storage, registry]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('follows the redirect, verifies the blob and does not leak the registry credential', async () => {
    const client = new RegistryClient({ url: registryUrl, credentials: { token: 'registry-secret' } });
    const chunks: Buffer[] = [];
    for await (const chunk of await client.fetchBlob('fleet/os', digest)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(blob);
    expect(registrySaw[0]?.authorization).toBe('Bearer registry-secret');
    expect(storageSaw).toHaveLength(1);
    expect(storageSaw[0]?.authorization).toBeUndefined();
  });
});
