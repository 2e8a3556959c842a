import { parse as parseYaml, type Tags } from 'yaml';
import { AgentError } from '../errors';
import type { BootcHost, BootEntry, ImageReference, ImageStatus } from './bootc-host-schema';
import type { BootcStatus, CachedUpdate, Slot } from './bootc-status';

// bootc signs with the tag `!ostreeRemote "name"`; a custom tag keeps it as the schema's object form.
const ostreeRemoteTag = {
  tag: '!ostreeRemote',
  resolve: (value: string) => ({ ostreeRemote: value }),
};

// bootc treats `version: 20231230.1` as a string; YAML's core schema would make it a float (and `1.10`
// would become 1.1). Dropping the numeric tags keeps every plain number-looking scalar a string,
// while null and booleans still resolve.
function yamlTags(defaults: Tags): Tags {
  const numeric = (t: Tags[number]) => typeof t === 'object' && /:(int|float)$/.test(t.tag);
  return [...defaults.filter((t) => !numeric(t)), ostreeRemoteTag];
}

function fail(reason: string, raw: string, cause?: unknown): never {
  throw new AgentError('PARSE_FAILED', `bootc status could not be parsed: ${reason}`, { raw }, { cause });
}

function loadDocument(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.length === 0) fail('empty output', text);
  try {
    // Since bootc 1.5 the JSON is canonical; JSON.parse is much faster than the YAML parser for sweeps.
    if (trimmed.startsWith('{')) return JSON.parse(trimmed);
    return parseYaml(trimmed, { customTags: yamlTags, schema: 'core' });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), text, error);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  // Defensive: a hand-written YAML number or a JSON number still means the version string.
  if (typeof value === 'number') return String(value);
  return null;
}

function cachedUpdateOf(value: unknown): CachedUpdate | null {
  if (!isObject(value)) return null;
  const status = value as ImageStatus;
  return {
    image: str(status.image?.image),
    digest: str(status.imageDigest),
    version: str(status.version),
    timestamp: str(status.timestamp),
  };
}

function slotOf(entry: unknown, raw: string): Slot | null {
  if (entry === null || entry === undefined) return null;
  if (!isObject(entry)) fail('a deployment entry is not an object', raw);
  const e = entry as BootEntry;
  const image = isObject(e.image) ? (e.image as ImageStatus) : null;
  return {
    image: str(image?.image?.image),
    transport: str(image?.image?.transport),
    digest: str(image?.imageDigest),
    version: str(image?.version),
    timestamp: str(image?.timestamp),
    architecture: str(image?.architecture),
    pinned: e.pinned === true,
    downloadOnly: e.downloadOnly === true,
    softRebootCapable: e.softRebootCapable === true,
    incompatible: e.incompatible === true,
    cachedUpdate: cachedUpdateOf(e.cachedUpdate),
  };
}

/** Parses `bootc status` output (JSON or YAML, v1alpha1 or v1, any bootc release) into one shape. */
export function parseBootcStatus(text: string): BootcStatus {
  const doc = loadDocument(text);
  if (!isObject(doc)) fail('not an object', text);
  const host = doc as BootcHost;
  if (host.kind !== 'BootcHost') fail(`kind is ${JSON.stringify(host.kind)}, expected "BootcHost"`, text);
  if (typeof host.apiVersion !== 'string' || !host.apiVersion.startsWith('org.containers.bootc/')) {
    fail(`unknown apiVersion ${JSON.stringify(host.apiVersion)}`, text);
  }
  const status = host.status ?? {};
  const spec = host.spec ?? {};
  if (!isObject(status) || !isObject(spec)) fail('spec or status is not an object', text);
  const others = status.otherDeployments ?? [];
  if (!Array.isArray(others)) fail('otherDeployments is not a list', text);

  const booted = slotOf(status.booted, text);
  return {
    // bootc itself reports type=bootcHost exactly when the booted deployment came from an image;
    // old releases lack `type`, so derive it the same way instead of reading it.
    isBootcHost: booted !== null && booted.image !== null,
    rollbackQueued: status.rollbackQueued === true,
    specImage: isObject(spec.image) ? str((spec.image as ImageReference).image) : null,
    booted,
    staged: slotOf(status.staged, text),
    rollback: slotOf(status.rollback, text),
    other: others.map((entry) => slotOf(entry, text)).filter((s): s is Slot => s !== null),
    apiVersion: host.apiVersion,
    bootOrder: spec.bootOrder === 'rollback' ? 'rollback' : 'default',
    readOnly: status.readOnly === true,
  };
}
