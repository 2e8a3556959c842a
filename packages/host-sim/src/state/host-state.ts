// The bootc host state machine: pure transitions over HostState, each returning the new state and
// what bootc prints. Semantics follow ../shared/bootc/README.md ("Mutating verbs", "Reboot
// semantics") and bootc's cli.rs upgrade/switch/rollback.
import { createHash } from 'node:crypto';
import { initialTimerWanted } from './auto-update-timer';
import { BootcError } from './bootc-error';
import { DEFAULT_BOOTC_VERSION } from './bootc-version';
import type { BootEntry, BootOrder, FetchedImage, HostState, ImageReference, ImageStatus, TimerState } from './types';

/** What a verb asks of the machine after printing: bootc calls `systemctl reboot` or `systemctl soft-reboot`. */
export type RebootKind = 'reboot' | 'soft-reboot';

export interface Transition {
  state: HostState;
  stdout: string;
  reboot?: RebootKind;
}

export interface InitialImage {
  image: ImageReference;
  fetched: FetchedImage;
}

export interface HostStateOptions {
  booted: InitialImage;
  rollback?: InitialImage;
  bootId: string;
  bootcVersion?: string;
  architecture?: string;
  softRebootPossible?: boolean;
  autoUpdateTimer?: TimerState;
}

export type SoftRebootMode = 'auto' | 'required';

export interface ApplyOptions {
  apply?: boolean;
  softReboot?: SoftRebootMode;
}

function fakeChecksum(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function imageStatus(image: ImageReference, fetched: FetchedImage): ImageStatus {
  return {
    image: { ...image },
    version: fetched.version,
    timestamp: fetched.created,
    imageDigest: fetched.digest,
    architecture: fetched.architecture,
  };
}

function newDeployment(state: HostState, image: ImageReference, fetched: FetchedImage, downloadOnly: boolean): [BootEntry, HostState] {
  const serial = state.deployCounter + 1;
  const entry: BootEntry = {
    image: imageStatus(image, fetched),
    cachedUpdate: null,
    incompatible: false,
    pinned: false,
    softRebootCapable: false,
    downloadOnly,
    store: 'ostreeContainer',
    ostree: { stateroot: 'default', checksum: fakeChecksum(`${fetched.digest}#${serial}`), deploySerial: 0 },
    composefs: null,
  };
  return [entry, { ...state, deployCounter: serial }];
}

export function createHostState(opts: HostStateOptions): HostState {
  let state: HostState = {
    bootcVersion: opts.bootcVersion ?? DEFAULT_BOOTC_VERSION,
    architecture: opts.architecture ?? 'amd64',
    bootId: opts.bootId,
    staged: null,
    booted: null,
    rollback: null,
    otherDeployments: [],
    rollbackQueued: false,
    softRebootPossible: opts.softRebootPossible ?? false,
    autoUpdateTimer: opts.autoUpdateTimer ?? 'enabled',
    autoUpdateTimerWanted: initialTimerWanted(opts.autoUpdateTimer ?? 'enabled'),
    deployCounter: 0,
  };
  if (opts.rollback) {
    const [rollback, next] = newDeployment(state, opts.rollback.image, opts.rollback.fetched, false);
    state = { ...next, rollback };
  }
  const [booted, next] = newDeployment(state, opts.booted.image, opts.booted.fetched, false);
  return { ...next, booted };
}

/** bootc derives the spec from the deployment that boots by default: staged, else booted. */
export function hostSpec(state: HostState): { image: ImageReference | null; bootOrder: BootOrder } {
  const source = state.staged ?? state.booted;
  return {
    image: source?.image ? { ...source.image.image } : null,
    bootOrder: state.rollbackQueued ? 'rollback' : 'default',
  };
}

function requireSpecImage(state: HostState, context: string): ImageReference {
  const image = hostSpec(state).image;
  if (!image) throw new BootcError(`${context}: No image source specified`);
  return image;
}

/** The reference bootc pulls for upgrades: `upgrade`, `--check` and the timer all use the spec image. */
export function upgradeSource(state: HostState): ImageReference {
  return requireSpecImage(state, 'Upgrading');
}

function sameImage(a: ImageReference, b: ImageReference): boolean {
  return a.image === b.image && a.transport === b.transport && JSON.stringify(a.signature) === JSON.stringify(b.signature);
}

/** `{imgref:#}` of an OstreeImageReference: the transport prefix, plus the signature scheme when verified. */
export function displayTransportRef(image: ImageReference): string {
  const transportRef = `${image.transport === 'registry' ? 'docker://' : `${image.transport}:`}${image.image}`;
  if (image.signature === 'containerPolicy') return `ostree-image-signed:${transportRef}`;
  if (image.signature && typeof image.signature === 'object') return `ostree-remote-image:${image.signature.ostreeRemote}:${transportRef}`;
  return transportRef;
}

/** `{spec.image:#}`: just the name for an unsigned registry image, as bootc's "Queued for next boot". */
export function displayImage(image: ImageReference): string {
  return image.transport === 'registry' && image.signature === undefined ? image.image : displayTransportRef(image);
}

/** Whether an image is already pulled (booted or staged): pulling it again fetches no layers. */
export function isImagePresent(state: HostState, digest: string): boolean {
  return [state.booted, state.staged].some((entry) => entry?.image?.imageDigest === digest);
}

function queuedText(image: ImageReference, fetched: FetchedImage): string {
  const version = fetched.version !== null ? `  Version: ${fetched.version}\n` : '';
  return `Queued for next boot: ${displayImage(image)}\n${version}  Digest: ${fetched.digest}\n`;
}

/** `bootc upgrade --check`: compares the registry with what is already pulled, records cachedUpdate. */
export function checkForUpdate(state: HostState, fetched: FetchedImage): Transition {
  const image = upgradeSource(state);
  if (isImagePresent(state, fetched.digest)) return { state, stdout: `No changes in: ${displayTransportRef(image)}\n` };
  const version = fetched.version !== null ? `  Version: ${fetched.version}\n` : '';
  const booted = state.booted ? { ...state.booted, cachedUpdate: imageStatus(image, fetched) } : null;
  return {
    state: { ...state, booted },
    stdout: `Update available for: ${displayTransportRef(image)}\n${version}  Digest: ${fetched.digest}\n`,
  };
}

function softRebootCheck(state: HostState, mode: SoftRebootMode | undefined, context: string): boolean {
  if (mode === undefined) return false;
  if (state.softRebootPossible) return true;
  if (mode === 'required') throw new BootcError(`${context}: Soft reboot was required but the target deployment is not soft-reboot capable`);
  return false;
}

function rebootFor(state: HostState, opts: ApplyOptions, context: string): RebootKind | undefined {
  const soft = softRebootCheck(state, opts.softReboot, context);
  if (!opts.apply) return undefined;
  return soft ? 'soft-reboot' : 'reboot';
}

function stage(state: HostState, image: ImageReference, fetched: FetchedImage, downloadOnly: boolean): HostState {
  const [entry, next] = newDeployment(state, image, fetched, downloadOnly);
  // A new deployment goes first in the boot order, so any queued rollback is no longer next.
  return { ...next, staged: { ...entry, softRebootCapable: state.softRebootPossible }, rollbackQueued: false };
}

export interface UpgradeOptions extends ApplyOptions {
  downloadOnly?: boolean;
}

/** `bootc upgrade [--download-only] [--apply]` once the spec image was fetched from the registry. */
export function upgrade(state: HostState, fetched: FetchedImage, opts: UpgradeOptions = {}): Transition {
  const image = upgradeSource(state);
  const pulledNote = isImagePresent(state, fetched.digest) ? `No changes in ${displayImage(image)} => ${fetched.digest}\n` : '';
  const staged = state.staged;
  if (staged?.image?.imageDigest === fetched.digest) {
    let next = state;
    let stdout = pulledNote;
    if (opts.downloadOnly && !staged.downloadOnly) {
      next = { ...state, staged: { ...staged, downloadOnly: true } };
      stdout += 'Image downloaded, but will not be applied on reboot\n';
    } else if (!opts.downloadOnly && staged.downloadOnly) {
      next = { ...state, staged: { ...staged, downloadOnly: false } };
      stdout += 'Staged deployment will now be applied on reboot\n';
    } else {
      stdout += 'Staged update present, not changed\n';
    }
    return { state: next, stdout, reboot: rebootFor(next, opts, 'Upgrading') };
  }
  if (state.booted?.image?.imageDigest === fetched.digest) {
    if (opts.downloadOnly && opts.apply) throw new BootcError('Upgrading: No staged deployment found');
    softRebootCheck(state, opts.softReboot, 'Upgrading');
    return { state, stdout: `${pulledNote}No update available.\n` };
  }
  const next = stage(state, image, fetched, opts.downloadOnly ?? false);
  return { state: next, stdout: queuedText(image, fetched), reboot: rebootFor(next, opts, 'Upgrading') };
}

/** `bootc upgrade --from-downloaded [--apply]`: unlocks a download-only deployment without the network. */
export function upgradeFromDownloaded(state: HostState, opts: ApplyOptions = {}): Transition {
  const staged = state.staged;
  if (!staged) throw new BootcError('Upgrading: No staged deployment found');
  const stdout = staged.downloadOnly
    ? 'Staged deployment will now be applied on reboot\n'
    : 'Staged deployment is already set to apply on reboot\n';
  const next = { ...state, staged: { ...staged, downloadOnly: false } };
  return { state: next, stdout, reboot: rebootFor(next, opts, 'Upgrading') };
}

/** `bootc switch TARGET` when TARGET is already the spec: bootc prints this and pulls nothing; else null. */
export function switchUnchanged(state: HostState, target: ImageReference): Transition | null {
  const current = hostSpec(state).image;
  return current !== null && sameImage(current, target) ? { state, stdout: 'Image specification is unchanged.\n' } : null;
}

/** `bootc switch TARGET` once TARGET was fetched; callers try switchUnchanged first. */
export function switchImage(state: HostState, target: ImageReference, fetched: FetchedImage, opts: ApplyOptions = {}): Transition {
  const next = stage(state, target, fetched, false);
  return { state: next, stdout: queuedText(target, fetched), reboot: rebootFor(next, opts, 'Switching') };
}

/** `bootc rollback [--apply]`: toggles rollbackQueued and discards any staged deployment. */
export function rollback(state: HostState, opts: ApplyOptions = {}): Transition {
  if (!state.rollback) throw new BootcError('Rollback: Rollback (ostree): No rollback available');
  const reverting = state.rollbackQueued;
  const next: HostState = { ...state, staged: null, rollbackQueued: !reverting };
  const stdout = reverting ? 'Next boot: current deployment\n' : 'Next boot: rollback deployment\n';
  return { state: next, stdout, reboot: rebootFor(next, opts, 'Rollback') };
}

/** ostree keeps pinned deployments forever; unpinned ones beyond booted and rollback are pruned. */
function retainPinned(entries: (BootEntry | null)[]): BootEntry[] {
  return entries.filter((entry): entry is BootEntry => entry !== null && entry.pinned);
}

/** The slot rotation shared by full and soft reboots ("Reboot semantics" in the bootc README). */
function rotateSlots(state: HostState): HostState {
  if (state.rollbackQueued && state.rollback) {
    return { ...state, booted: state.rollback, rollback: state.booted, staged: null, rollbackQueued: false };
  }
  if (state.staged && !state.staged.downloadOnly) {
    const booted: BootEntry = { ...state.staged, cachedUpdate: null, softRebootCapable: false };
    const rollback: BootEntry | null = state.booted ? { ...state.booted, cachedUpdate: null } : null;
    return {
      ...state,
      booted,
      rollback,
      staged: null,
      otherDeployments: [...state.otherDeployments, ...retainPinned([state.rollback])],
    };
  }
  return { ...state, staged: null, rollbackQueued: false };
}

/** A full reboot: the kernel restarts, so boot_id changes. */
export function reboot(state: HostState, newBootId: string): HostState {
  return { ...rotateSlots(state), bootId: newBootId };
}

/** `systemctl soft-reboot`: userspace restarts into the next deployment, the kernel (and boot_id) stay. */
export function softReboot(state: HostState): HostState {
  return rotateSlots(state);
}

export type PinnableSlot = 'booted' | 'rollback';

/** `ostree admin pin`: marks a deployment so reboots never prune it. */
export function setPinned(state: HostState, slot: PinnableSlot, pinned: boolean): HostState {
  const entry = state[slot];
  if (!entry) throw new BootcError(`no ${slot} deployment to pin`);
  return { ...state, [slot]: { ...entry, pinned } };
}
