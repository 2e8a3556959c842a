// The wire shape of `bootc status` per bootc's host-v1 JSON Schema. Every field is optional here
// because keys come and go between bootc releases; the parser decides what absence means.
export type ImageSignature = { ostreeRemote: string } | 'containerPolicy' | 'insecure';

export interface ImageReference {
  image?: string;
  transport?: string;
  signature?: ImageSignature | null;
}

export interface ImageStatus {
  image?: ImageReference;
  version?: string | null;
  timestamp?: string | null;
  imageDigest?: string;
  architecture?: string;
}

export interface BootEntry {
  image?: ImageStatus | null;
  cachedUpdate?: ImageStatus | null;
  incompatible?: boolean;
  pinned?: boolean;
  softRebootCapable?: boolean;
  downloadOnly?: boolean;
  store?: string | null;
  ostree?: { stateroot: string; checksum: string; deploySerial: number } | null;
  composefs?: Record<string, unknown> | null;
}

export interface HostStatus {
  staged?: BootEntry | null;
  booted?: BootEntry | null;
  rollback?: BootEntry | null;
  otherDeployments?: BootEntry[];
  rollbackQueued?: boolean;
  type?: 'bootcHost' | null;
  usrOverlay?: { accessMode: string; persistence: string } | null;
  readOnly?: boolean;
  isContainer?: boolean;
}

export interface BootcHost {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string | null };
  spec?: { image?: ImageReference | null; bootOrder?: 'default' | 'rollback' };
  status?: HostStatus;
}
