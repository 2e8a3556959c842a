import { readFile } from 'node:fs/promises';
import type { Fleet } from '@bootfleet/host-sim';
import type { APIRequestContext, APIResponse } from '@playwright/test';

/**
 * The API as the dashboard's session uses it, for arranging a journey's starting state: requests go
 * through the page's own context, whose session (the fixture signs pages in) is the browser's too.
 */
export class FleetApi {
  constructor(readonly request: APIRequestContext) {}

  /** The dashboard echoes the bootfleet_csrf cookie in X-CSRF-Token on every change; so does this helper. */
  async post<T>(path: string, data: unknown = {}): Promise<T> {
    const { cookies } = await this.request.storageState();
    const csrf = cookies.find((c) => c.name === 'bootfleet_csrf')?.value ?? '';
    return this.json<T>(await this.request.post(path, { data, headers: { 'x-csrf-token': csrf } }), 'POST', path);
  }

  async get<T>(path: string): Promise<T> {
    return this.json<T>(await this.request.get(path), 'GET', path);
  }

  private async json<T>(response: APIResponse, method: string, path: string): Promise<T> {
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async createRegistry(body: { name: string; url: string; credentials?: object; caPem?: string }): Promise<{ id: string; host: string }> {
    return this.post('/api/registries', body);
  }

  async trackImage(body: { registryId: string; repository: string; tag: string }): Promise<{ id: string; reference: string }> {
    return this.post('/api/images', body);
  }

  /** What the poll job does on its schedule, now. */
  async refreshImage(id: string): Promise<{ current: { digest: string; version: string | null }[] }> {
    return this.post(`/api/images/${id}/refresh`);
  }

  /** Enrolls every simulated host of `fleet` with the fleet's key and these labels; their ids by name. */
  async enrollFleet(fleet: Fleet, labels: Record<string, string>): Promise<Record<string, string>> {
    const privateKey = await readFile(fleet.keyPath, 'utf8');
    const ids: Record<string, string> = {};
    for (const entry of fleet.inventory) {
      const host = await this.post<{ id: string }>('/api/hosts', {
        name: entry.name,
        address: entry.address,
        port: entry.port,
        user: entry.user,
        fingerprint: entry.hostKeyFingerprint,
        credential: { kind: 'private-key', privateKey },
        labels,
      });
      ids[entry.name] = host.id;
    }
    return ids;
  }
}
