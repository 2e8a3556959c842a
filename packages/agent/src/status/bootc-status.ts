/** The normalised view of `bootc status` every consumer works with, whatever the bootc version. */
export interface CachedUpdate {
  readonly image: string | null;
  readonly digest: string | null;
  readonly version: string | null;
  readonly timestamp: string | null;
}

export interface Slot {
  readonly image: string | null;
  readonly transport: string | null;
  readonly digest: string | null;
  readonly version: string | null;
  readonly timestamp: string | null;
  readonly architecture: string | null;
  readonly pinned: boolean;
  readonly downloadOnly: boolean;
  readonly softRebootCapable: boolean;
  readonly incompatible: boolean;
  readonly cachedUpdate: CachedUpdate | null;
}

export interface BootcStatus {
  readonly isBootcHost: boolean;
  readonly rollbackQueued: boolean;
  readonly specImage: string | null;
  readonly booted: Slot | null;
  readonly staged: Slot | null;
  readonly rollback: Slot | null;
  readonly other: Slot[];
  /** Extra fields beyond the required shape. */
  readonly apiVersion: string;
  readonly bootOrder: 'default' | 'rollback';
  readonly readOnly: boolean;
}
