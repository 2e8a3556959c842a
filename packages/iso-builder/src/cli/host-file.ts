// HOST.json: the host record plus the per-fleet settings its kickstart needs. The image and
// whether it is offline come from the template, so a host cannot ask for a different image
// than the one its ISO was built for.
import { readFile } from 'node:fs/promises';
import { IsoError } from '../errors';
import { KickstartError, renderKickstart, type HostInstallRecordInput, type KickstartOptions } from '../kickstart';
import type { TemplateMetadata } from '../template';

export interface HostFile {
  record: HostInstallRecordInput;
  fleetPublicKey: string;
  registryAuth?: KickstartOptions['registryAuth'];
  insecureRegistries?: string[];
  callHome?: KickstartOptions['callHome'];
}

const ALLOWED_KEYS = new Set(['record', 'fleetPublicKey', 'registryAuth', 'insecureRegistries', 'callHome']);

function invalid(message: string, details: Record<string, unknown> = {}): IsoError {
  return new IsoError('INVALID_HOST', message, details);
}

export function parseHostFile(text: string): HostFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`HOST.json is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('HOST.json must be an object');
  const unknown = Object.keys(value).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknown.length > 0) throw invalid(`HOST.json has unknown fields: ${unknown.join(', ')}`, { fields: unknown });
  const host = value as Partial<HostFile>;
  if (typeof host.record !== 'object' || host.record === null) throw invalid('HOST.json needs a "record" object');
  if (typeof host.fleetPublicKey !== 'string') throw invalid('HOST.json needs "fleetPublicKey"');
  return host as HostFile;
}

/** Renders the host's kickstart for this template; invalid values become INVALID_HOST. */
export function kickstartForHost(host: HostFile, template: TemplateMetadata): string {
  try {
    return renderKickstart(host.record, {
      image: template.imageRef,
      offline: template.offline,
      fleetPublicKey: host.fleetPublicKey,
      registryAuth: host.registryAuth,
      insecureRegistries: host.insecureRegistries,
      callHome: host.callHome,
    });
  } catch (error) {
    if (error instanceof KickstartError) throw invalid(`invalid host: ${error.message}`, { path: error.path });
    throw error;
  }
}

export async function readHostFile(path: string): Promise<HostFile> {
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw invalid(`cannot read ${path}: ${error.message}`, { path });
  });
  return parseHostFile(text);
}
