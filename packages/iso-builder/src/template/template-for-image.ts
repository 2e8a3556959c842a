import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pullImageToLayout, resolveImage, type ImageSourceOptions } from '../image/registry-image';
import { inspectIso } from '../inspect';
import { buildTemplate, type BuiltTemplate, type TemplateOptions } from './build-template';

export interface ImageTemplateOptions extends Omit<TemplateOptions, 'imageRef' | 'offlineLayoutDir'> {
  /** Image reference by tag or digest; recorded pinned to its digest. */
  image: string;
  offline?: boolean;
  registry?: ImageSourceOptions;
}

/**
 * The template for one image: resolved (online) or pulled into /container (offline) first. The
 * base is inspected before any pull, so a bad base fails fast and the pulled platform matches it.
 */
export async function buildImageTemplate(options: ImageTemplateOptions): Promise<BuiltTemplate> {
  const { image, offline, registry: registryOptions, ...rest } = options;
  const base = await inspectIso(options.basePath);
  const registry = { ...registryOptions, architecture: registryOptions?.architecture ?? (base.architecture === 'unknown' ? undefined : base.architecture) };
  if (!offline) return buildTemplate({ ...rest, imageRef: (await resolveImage(image, registry)).ref });
  const layoutDir = await mkdtemp(join(dirname(options.outPath), `.${basename(options.outPath)}.oci-`));
  try {
    const pinned = await pullImageToLayout(image, layoutDir, registry);
    return await buildTemplate({ ...rest, imageRef: pinned.ref, offlineLayoutDir: layoutDir });
  } finally {
    await rm(layoutDir, { recursive: true, force: true });
  }
}
