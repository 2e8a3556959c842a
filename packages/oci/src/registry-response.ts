import type { Readable } from 'node:stream';
import { OciError } from './errors';
import type { HttpResponse } from './http-transport';
import { toTransportError } from './http-transport';

/** Reads a whole (small) body, refusing more than `limit` bytes so a hostile server cannot exhaust memory. */
export async function readBody(body: Readable, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        throw new OciError('REGISTRY_PROTOCOL', `response from ${url} is larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw toTransportError(error, url);
  }
  return Buffer.concat(chunks);
}

export async function readJson<T>(response: HttpResponse, limit: number): Promise<{ bytes: Buffer; json: T }> {
  const bytes = await readBody(response.body, limit, response.url);
  try {
    return { bytes, json: JSON.parse(bytes.toString('utf8')) as T };
  } catch {
    throw new OciError('REGISTRY_PROTOCOL', `response from ${response.url} is not JSON`, response.status);
  }
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** The `{errors:[{code,message}]}` body of the distribution API, summarised for an error message. */
function describeRegistryErrors(bytes: Buffer): string {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const described = (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean);
    if (described.length > 0) return described.join('; ');
  } catch {
    // Not a distribution error body; fall back to the raw text below.
  }
  return bytes.toString('utf8').trim().slice(0, 200);
}

/** Maps a non-2xx registry response to an OciError; `what` names the object, e.g. "manifest x:1". */
export async function responseError(response: HttpResponse, what: string): Promise<OciError> {
  const body = await readBody(response.body, ERROR_BODY_LIMIT, response.url).catch(() => Buffer.alloc(0));
  const detail = describeRegistryErrors(body);
  const message = `${what}: HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
  switch (response.status) {
    case 401:
    case 403:
      return new OciError('REGISTRY_AUTH_FAILED', message, response.status);
    case 404:
      return new OciError('REGISTRY_NOT_FOUND', message, response.status);
    default:
      return new OciError('REGISTRY_PROTOCOL', message, response.status);
  }
}
