import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { Authenticator, type RegistryCredentials } from './authenticator';
import { DigestVerifier, digestOf, isDigest, verifyBytes } from './digest';
import { OciError } from './errors';
import { HttpTransport, toTransportError, type HttpResponse } from './http-transport';
import { parseNextLink } from './link-header';
import { parseImageConfig, parseManifest, type Descriptor } from './manifest';
import { MANIFEST_ACCEPT } from './media-types';
import { pullToOciLayout, type PullOptions } from './oci-layout';
import { selectPlatformManifest, toOciArchitecture } from './platform';
import { assertRepository, assertTagOrDigest } from './reference';
import { readBody, readJson, responseError } from './registry-response';

export interface RegistryEndpoint {
  /** http(s)://host[:port]; the scheme is honoured as given (http is for loopback/test registries). */
  url: string;
  /** Skip TLS certificate verification. */
  insecure?: boolean;
  /** A CA certificate (PEM) trusted in addition to the system roots, for private registries. */
  caPem?: string;
  /** `{token}` is sent as `Authorization: Bearer <token>` on every request (registry/robot tokens). */
  credentials?: RegistryCredentials;
}

export interface Logger {
  debug(o: object, m?: string): void;
}

export interface RegistryClientOptions {
  logger?: Logger;
  /** Idle timeout per request (connect, headers, gaps in a body). Default 30 s. */
  timeoutMs?: number;
  /** `n` asked per tags/list page. Default 1000. */
  tagPageSize?: number;
}

export interface ResolvedImage {
  repository: string;
  /** The tag or digest asked for. */
  reference: string;
  /** Digest of the platform image manifest: what bootc reports as imageDigest. */
  digest: string;
  /** Digest of the index/manifest list the platform manifest was chosen from, if any. */
  indexDigest: string | null;
  /** Media type of the platform image manifest. */
  mediaType: string;
  architecture: string | null;
  os: string | null;
  /** The `org.opencontainers.image.version` label. */
  version: string | null;
  created: string | null;
  labels: Record<string, string>;
  configDigest: string;
  layers: { digest: string; size: number; mediaType: string }[];
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

const MANIFEST_LIMIT = 4 * 1024 * 1024;
const CONFIG_LIMIT = 8 * 1024 * 1024;
const TAGS_PAGE_LIMIT = 16 * 1024 * 1024;
const MAX_TAG_PAGES = 10_000;
const VERSION_LABEL = 'org.opencontainers.image.version';

export class RegistryClient {
  private readonly baseUrl: string;
  private readonly transport: HttpTransport;
  private readonly auth: Authenticator;
  private readonly logger: Logger | undefined;
  private readonly tagPageSize: number;

  constructor(endpoint: RegistryEndpoint, options: RegistryClientOptions = {}) {
    this.baseUrl = endpoint.url.replace(/\/+$/, '');
    this.transport = new HttpTransport({ insecure: endpoint.insecure, caPem: endpoint.caPem, timeoutMs: options.timeoutMs ?? 30_000 });
    this.auth = new Authenticator(this.transport, endpoint.credentials);
    this.logger = options.logger;
    this.tagPageSize = options.tagPageSize ?? 1000;
  }

  /** Checks reachability, TLS and credentials with `GET /v2/`. */
  async ping(): Promise<void> {
    const response = await this.get(`${this.baseUrl}/v2/`, '');
    response.body.resume();
  }

  /** All tags of a repository, in the registry's order, following `Link: rel="next"` pages. */
  async listTags(repository: string): Promise<string[]> {
    assertRepository(repository);
    const tags: string[] = [];
    const seen = new Set<string>();
    let url: string | null = `${this.baseUrl}/v2/${repository}/tags/list?n=${this.tagPageSize}`;
    while (url !== null) {
      if (seen.has(url) || seen.size >= MAX_TAG_PAGES) throw new OciError('REGISTRY_PROTOCOL', `tag pagination of ${repository} does not end`);
      seen.add(url);
      const response = await this.get(url, pullScope(repository), `tags of ${repository}`);
      const { json } = await readJson<{ tags?: string[] | null }>(response, TAGS_PAGE_LIMIT);
      tags.push(...(json.tags ?? []));
      url = parseNextLink(headerValue(response.headers.link), url);
    }
    return tags;
  }

  /** The raw manifest (image manifest or index) as served, with its verified digest. */
  async fetchManifest(repository: string, reference: string): Promise<FetchedManifest> {
    assertRepository(repository);
    assertTagOrDigest(reference);
    const url = `${this.baseUrl}/v2/${repository}/manifests/${reference}`;
    const response = await this.get(url, pullScope(repository), `manifest ${repository}:${reference}`, { accept: MANIFEST_ACCEPT });
    const bytes = await readBody(response.body, MANIFEST_LIMIT, url);
    const digest = manifestDigest(bytes, reference, headerValue(response.headers['docker-content-digest']));
    const mediaType = parseManifest(bytes, headerValue(response.headers['content-type'])).mediaType;
    return { digest, mediaType, bytes };
  }

  /**
   * Resolves a tag or digest to the platform image: an index is narrowed to the linux manifest for
   * `architecture` (x86_64/amd64, aarch64/arm64; default amd64), and the config is read for labels.
   */
  async resolve(repository: string, reference: string, opts: { architecture?: string } = {}): Promise<ResolvedImage> {
    const resolved = await this.resolveManifest(repository, reference, opts.architecture);
    return resolved.image;
  }

  /**
   * Streams a blob, hashing it on the way: the stream errors with DIGEST_MISMATCH instead of
   * ending if the content does not match `digest` (or `opts.size`, when given).
   */
  async fetchBlob(repository: string, digest: string, opts: { size?: number } = {}): Promise<Readable> {
    assertRepository(repository);
    if (!isDigest(digest)) throw new OciError('INVALID_REFERENCE', `${JSON.stringify(digest)} is not a sha256/sha512 digest`);
    const url = `${this.baseUrl}/v2/${repository}/blobs/${digest}`;
    const response = await this.get(url, pullScope(repository), `blob ${repository}@${digest}`);
    const verifier = new DigestVerifier(digest, opts.size);
    pipeline(response.body, verifier, (error) => {
      if (error && !verifier.destroyed) verifier.destroy(toTransportError(error, url));
    });
    return verifier;
  }

  /**
   * Pulls one platform image into an OCI image layout at `dir` (which must not exist yet, or be
   * empty). Everything is written to a sibling temp dir and renamed at the end, so a failure
   * leaves nothing at `dir`. index.json names the image with `org.opencontainers.image.ref.name`
   * (`opts.refName`, default the reference).
   */
  async pullToOciLayout(repository: string, reference: string, dir: string, opts: PullOptions = {}): Promise<ResolvedImage> {
    const { image, manifestBytes, configSize } = await this.resolveManifest(repository, reference, opts.architecture);
    const layout = {
      manifestMediaType: image.mediaType,
      manifestBytes,
      platform: image.architecture && image.os ? { architecture: image.architecture, os: image.os } : null,
      blobs: [{ digest: image.configDigest, size: configSize }, ...image.layers],
      refName: opts.refName ?? reference,
      openBlob: (digest: string, size: number) => this.fetchBlob(repository, digest, { size }),
    };
    await pullToOciLayout(layout, dir, opts.onProgress);
    return image;
  }

  /** Releases pooled connections (idle ones never keep the process alive, so this is optional). */
  close(): void {
    this.transport.close();
  }

  private async resolveManifest(repository: string, reference: string, architecture: string | undefined): Promise<{ image: ResolvedImage; manifestBytes: Buffer; configSize: number }> {
    const top = await this.fetchManifest(repository, reference);
    let manifest = parseManifest(top.bytes, top.mediaType);
    let platform = top;
    let indexDigest: string | null = null;
    if (manifest.kind === 'index') {
      const chosen = selectPlatformManifest(manifest.manifests, architecture);
      indexDigest = top.digest;
      platform = await this.fetchManifest(repository, chosen.digest);
      manifest = parseManifest(platform.bytes, platform.mediaType);
      if (manifest.kind !== 'image') throw new OciError('REGISTRY_PROTOCOL', `index ${top.digest} points at another index`);
    }
    const config = parseImageConfig(await this.fetchSmallBlob(repository, manifest.config, CONFIG_LIMIT));
    if (indexDigest === null && architecture !== undefined && config.architecture !== null && config.architecture !== toOciArchitecture(architecture)) {
      throw new OciError('NO_MATCHING_PLATFORM', `${repository}:${reference} is a single ${config.architecture} image, not ${toOciArchitecture(architecture)}`);
    }
    const image: ResolvedImage = {
      repository,
      reference,
      digest: platform.digest,
      indexDigest,
      mediaType: manifest.mediaType,
      architecture: config.architecture,
      os: config.os,
      version: config.labels[VERSION_LABEL] ?? null,
      created: config.created,
      labels: config.labels,
      configDigest: manifest.config.digest,
      layers: manifest.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
    };
    return { image, manifestBytes: platform.bytes, configSize: manifest.config.size };
  }

  private async fetchSmallBlob(repository: string, descriptor: Descriptor, limit: number): Promise<Buffer> {
    if (descriptor.size > limit) throw new OciError('REGISTRY_PROTOCOL', `blob ${descriptor.digest} is larger than ${limit} bytes`);
    const url = `${this.baseUrl}/v2/${repository}/blobs/${descriptor.digest}`;
    const response = await this.get(url, pullScope(repository), `blob ${repository}@${descriptor.digest}`);
    const bytes = await readBody(response.body, limit, url);
    verifyBytes(bytes, descriptor.digest, `blob ${repository}@${descriptor.digest}`);
    return bytes;
  }

  /** GET with authentication: one retry after answering a 401 challenge; non-2xx become OciErrors. */
  private async get(url: string, scope: string, what = url, extraHeaders: Record<string, string> = {}): Promise<HttpResponse> {
    const started = Date.now();
    let authorization = this.auth.headerFor(scope);
    let response = await this.transport.request(url, { headers: withAuthorization(extraHeaders, authorization) });
    if (response.status === 401) {
      response.body.resume();
      authorization = await this.auth.answerChallenge(headerValue(response.headers['www-authenticate']), scope, authorization, url);
      response = await this.transport.request(url, { headers: withAuthorization(extraHeaders, authorization) });
    }
    this.logger?.debug({ url, status: response.status, ms: Date.now() - started }, 'registry request');
    if (response.status < 200 || response.status >= 300) throw await responseError(response, what);
    return response;
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function withAuthorization(headers: Record<string, string>, authorization: string | undefined): Record<string, string> {
  return authorization ? { ...headers, authorization } : headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The manifest's digest is computed from the bytes; a digest reference or a sha256
 * Docker-Content-Digest header must agree with it, or the registry (or a proxy) lied.
 */
function manifestDigest(bytes: Buffer, reference: string, served: string | undefined): string {
  if (isDigest(reference)) {
    verifyBytes(bytes, reference, `manifest ${reference}`);
    return reference;
  }
  const computed = digestOf(bytes);
  if (served?.startsWith('sha256:') && served !== computed) {
    throw new OciError('DIGEST_MISMATCH', `manifest served as ${served} hashes to ${computed}`);
  }
  return computed;
}
