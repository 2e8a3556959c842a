// Shapes of bootc's `Host` document (lib/src/spec.rs), kept in struct field order so the YAML
// rendering matches bootc's serde output; JSON rendering sorts keys separately.

export type ImageSignature = { ostreeRemote: string } | 'containerPolicy' | 'insecure';

export interface ImageReference {
  image: string;
  transport: string;
  signature?: ImageSignature;
}

export interface ImageStatus {
  image: ImageReference;
  version: string | null;
  timestamp: string | null;
  imageDigest: string;
  architecture: string;
}

export interface BootEntry {
  image: ImageStatus | null;
  cachedUpdate: ImageStatus | null;
  incompatible: boolean;
  pinned: boolean;
  softRebootCapable: boolean;
  downloadOnly: boolean;
  store: 'ostreeContainer' | null;
  ostree: { stateroot: string; checksum: string; deploySerial: number } | null;
  composefs: null;
}

export type BootOrder = 'default' | 'rollback';

/** `systemctl is-enabled` of the auto-update timer. */
export type TimerState = 'enabled' | 'disabled' | 'masked';


/** What a registry said about a tag or digest: the input of every pulling verb. */
export interface FetchedImage {
  digest: string;
  version: string | null;
  created: string | null;
  architecture: string;
}

/** Everything a simulated host remembers about bootc; mutated only by the transitions in host-state.ts. */
export interface HostState {
  bootcVersion: string;
  architecture: string;
  bootId: string;
  staged: BootEntry | null;
  booted: BootEntry | null;
  rollback: BootEntry | null;
  otherDeployments: BootEntry[];
  rollbackQueued: boolean;
  /** Whether a soft reboot could switch to the staged/rollback entry (same kernel and initrd). */
  softRebootPossible: boolean;
  /** What `systemctl is-enabled bootc-fetch-apply-updates.timer` prints. */
  autoUpdateTimer: TimerState;
  /** Whether the timers.target.wants/ link exists: a mask hides it, `unmask` brings it back. */
  autoUpdateTimerWanted?: boolean;
  /** Monotonic counter standing in for ostree's commit checksums and deploy serials. */
  deployCounter: number;
}
