// The on-disk form of one simulated host, for the `bootc-sim` executable served by a real sshd.
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ReachableRegistry } from '../registry/image-fetcher';
import type { HostState } from '../state/types';

export interface SimStateFile {
  state: HostState;
  /** Registries the host can reach (anything else does not resolve). */
  registries: ReachableRegistry[];
  /** `systemctl is-system-running` answers `degraded` while set. */
  degraded?: boolean;
  diskFull?: boolean;
}

export function readStateFile(path: string): SimStateFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SimStateFile;
}

/** Write-then-rename, so a reader never sees half a file. */
export function writeStateFile(path: string, data: SimStateFile): void {
  const tmp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, path);
}
