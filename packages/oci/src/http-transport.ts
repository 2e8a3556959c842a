import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { OciError } from './errors';

export interface TransportOptions {
  /** Skip TLS certificate verification. */
  insecure?: boolean;
  /** Extra trusted CA certificates (PEM), added to Node's default roots. */
  caPem?: string;
  /** Idle timeout: no connection, no response headers or no body bytes for this long fails the request. */
  timeoutMs: number;
}

/** Registry reads are all GETs; only the headers vary. */
export interface HttpRequest {
  headers?: Record<string, string>;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

const MAX_REDIRECTS = 5;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** Node reports TLS failures with OpenSSL/X.509 codes; everything else on the socket is reachability. */
function isTlsFailure(code: string): boolean {
  return code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT') || code === 'EPROTO' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

export function toTransportError(error: unknown, url: string): OciError {
  if (error instanceof OciError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (isTlsFailure(code)) return new OciError('REGISTRY_TLS_FAILED', `TLS with ${url} failed: ${detail}`, undefined, { cause: error });
  return new OciError('REGISTRY_UNREACHABLE', `cannot reach ${url}: ${detail}`, undefined, { cause: error });
}

/** What the authenticator needs from a transport (a fake in unit tests). */
export type HttpRequester = Pick<HttpTransport, 'request'>;

/** Node http(s) with one keep-alive agent per endpoint, so the CA/insecure settings apply to every request. */
export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: TransportOptions) {
    const ca = options.caPem ? [...rootCertificates, options.caPem] : undefined;
    this.httpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: !options.insecure, ...(ca ? { ca } : {}) });
  }

  /** Follows redirects (blob storage often redirects), dropping Authorization when the origin changes. */
  async request(url: string, init: HttpRequest = {}): Promise<HttpResponse> {
    let current = url;
    let headers = init.headers ?? {};
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await this.send(current, headers);
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
      response.body.resume();
      const next = new URL(location, current);
      if (next.origin !== new URL(current).origin) headers = withoutAuthorization(headers);
      current = next.toString();
    }
    throw new OciError('REGISTRY_PROTOCOL', `more than ${MAX_REDIRECTS} redirects starting at ${url}`);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    if (!isHttps && target.protocol !== 'http:') {
      return Promise.reject(new OciError('REGISTRY_PROTOCOL', `unsupported URL scheme in ${url}`));
    }
    const transport = isHttps ? https : http;
    return new Promise<HttpResponse>((resolve, reject) => {
      const request = transport.request(target, { method: 'GET', headers, agent: isHttps ? this.httpsAgent : this.httpAgent }, (res) => {
        // From here on the idle timeout guards the body stream: its consumer sees the error.
        res.on('error', () => undefined);
        resolve({ url, status: res.statusCode ?? 0, headers: res.headers, body: res });
      });
      request.setTimeout(this.options.timeoutMs, () => {
        request.destroy(Object.assign(new Error(`no activity for ${this.options.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      request.on('error', (error) => reject(toTransportError(error, url)));
      request.end();
    });
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}
