// The CLI's inputs for a host's kickstart: HOST.json is the host record (see
// src/kickstart/README.md), the fleet key and optional fleet settings come beside it. The image
// and whether it is offline come from the template, so a host cannot ask for another image than
// the one its ISO was built for.
import { readFile } from 'node:fs/promises';
import { IsoError } from '../errors';
import { KickstartError, renderKickstart, type HostInstallRecordInput, type KickstartOptions } from '../kickstart';
import type { TemplateMetadata } from '../template';

/** FLEET.json: per-fleet kickstart settings (all optional). */
export type FleetSettings = Pick<KickstartOptions, 'registryAuth' | 'insecureRegistries' | 'callHome'>;

const FLEET_KEYS = new Set(['registryAuth', 'insecureRegistries', 'callHome']);

function invalid(message: string, details: Record<string, unknown> = {}): IsoError {
  return new IsoError('INVALID_HOST', message, details);
}

function parseObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** HOST.json: shape and values are checked by renderKickstart (hostInstallRecordSchema). */
export function parseHostRecord(text: string): HostInstallRecordInput {
  return parseObject(text, 'HOST.json') as unknown as HostInstallRecordInput;
}

export function parseFleetSettings(text: string): FleetSettings {
  const value = parseObject(text, 'FLEET.json');
  const unknown = Object.keys(value).filter((key) => !FLEET_KEYS.has(key));
  if (unknown.length > 0) throw invalid(`FLEET.json has unknown fields: ${unknown.join(', ')}`, { fields: unknown });
  return value as FleetSettings;
}

/** Renders the host's kickstart for this template; invalid values become INVALID_HOST. */
export function kickstartForHost(record: HostInstallRecordInput, fleetPublicKey: string, fleet: FleetSettings, template: TemplateMetadata): string {
  try {
    return renderKickstart(record, { ...fleet, image: template.imageRef, offline: template.offline, fleetPublicKey: fleetPublicKey.trim() });
  } catch (error) {
    if (error instanceof KickstartError) throw invalid(`invalid host: ${error.message}`, { path: error.path });
    throw error;
  }
}

export async function readInput(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: Error) => {
    throw invalid(`cannot read ${path}: ${error.message}`, { path });
  });
}
