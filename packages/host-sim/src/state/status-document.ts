// Renders HostState as bootc's `Host` document, dropping the keys the simulated bootc version did
// not have yet, and prints it the ways `bootc status` does (canonical JSON, pretty JSON, YAML).
import { stringify as toYaml } from 'yaml';
import { hasFeature } from './bootc-version';
import { hostSpec } from './host-state';
import type { BootEntry, HostState, ImageReference } from './types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `signature` is skipped when unset (serde skip_serializing_if), unlike the other optionals. */
function referenceDocument(ref: ImageReference): Json {
  const doc: { [key: string]: Json } = { image: ref.image, transport: ref.transport };
  if (ref.signature !== undefined) doc.signature = ref.signature;
  return doc;
}

function entryDocument(entry: BootEntry | null, version: string): Json {
  if (!entry) return null;
  const withArch = (status: BootEntry['image']): Json => {
    if (!status) return null;
    const { architecture, ...rest } = status;
    const doc: { [key: string]: Json } = { ...rest, image: referenceDocument(rest.image) };
    if (hasFeature(version, 'architecture')) doc.architecture = architecture;
    return doc;
  };
  const doc: { [key: string]: Json } = {
    image: withArch(entry.image),
    cachedUpdate: withArch(entry.cachedUpdate),
    incompatible: entry.incompatible,
    pinned: entry.pinned,
  };
  if (hasFeature(version, 'softRebootCapable')) doc.softRebootCapable = entry.softRebootCapable;
  if (hasFeature(version, 'downloadOnly')) doc.downloadOnly = entry.downloadOnly;
  doc.store = entry.store;
  doc.ostree = entry.ostree ? { ...entry.ostree } : null;
  if (hasFeature(version, 'composefs')) doc.composefs = entry.composefs;
  return doc;
}

export interface StatusView {
  /** `bootc status --booted`: only the booted slot; the spec still describes the whole host. */
  bootedOnly?: boolean;
}

/** The `Host` object bootc would serialise, in bootc's struct field order. */
export function hostDocument(state: HostState, view: StatusView = {}): { [key: string]: Json } {
  const version = state.bootcVersion;
  const spec = hostSpec(state);
  const shown = view.bootedOnly ? { ...state, staged: null, rollback: null, otherDeployments: [] } : state;
  const status: { [key: string]: Json } = {
    staged: entryDocument(shown.staged, version),
    booted: entryDocument(shown.booted, version),
    rollback: entryDocument(shown.rollback, version),
  };
  if (hasFeature(version, 'otherDeployments') && shown.otherDeployments.length > 0) {
    status.otherDeployments = shown.otherDeployments.map((entry) => entryDocument(entry, version));
  }
  status.rollbackQueued = state.rollbackQueued;
  status.type = state.booted ? 'bootcHost' : null;
  if (hasFeature(version, 'usrOverlay')) status.usrOverlay = null;
  if (hasFeature(version, 'readOnly')) status.readOnly = false;
  return {
    apiVersion: 'org.containers.bootc/v1',
    kind: 'BootcHost',
    metadata: { name: 'host' },
    spec: {
      image: spec.image ? referenceDocument(spec.image) : null,
      bootOrder: spec.bootOrder,
    },
    status,
  };
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key] as Json)]));
}

/** JSON as the simulated version prints it: canonical (one line, sorted keys, no newline) since 1.5.0. */
export function renderStatusJson(state: HostState, view: StatusView = {}): string {
  const doc = hostDocument(state, view);
  if (hasFeature(state.bootcVersion, 'canonicalJson')) return JSON.stringify(sortKeys(doc));
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** YAML, what `bootc status` prints to a non-TTY without --format. */
export function renderStatusYaml(state: HostState, view: StatusView = {}): string {
  return toYaml(hostDocument(state, view));
}
