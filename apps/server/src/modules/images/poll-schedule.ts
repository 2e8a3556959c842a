import { toOciArchitecture } from '@bootfleet/oci';

export interface PollState {
  id: string;
  lastPolledAt: Date | null;
  pollIntervalSeconds: number | null;
}

export function effectiveInterval(image: Pick<PollState, 'pollIntervalSeconds'>, defaultSeconds: number): number {
  return image.pollIntervalSeconds ?? defaultSeconds;
}

export function nextPollAt(image: PollState, defaultSeconds: number): Date | null {
  return image.lastPolledAt ? new Date(image.lastPolledAt.getTime() + effectiveInterval(image, defaultSeconds) * 1000) : null;
}

/** Images whose interval has elapsed (or that were never polled) at `now`. */
export function duePolls(images: readonly PollState[], defaultSeconds: number, now: Date): string[] {
  return images.filter((image) => (nextPollAt(image, defaultSeconds)?.getTime() ?? 0) <= now.getTime()).map((i) => i.id);
}

export const BASELINE_ARCHITECTURE = 'amd64';

/**
 * The OCI architectures a poll resolves: amd64 always, plus every architecture reported by hosts on
 * the image (`x86_64`, `aarch64`... in either spelling), each once, sorted for stable output.
 */
export function pollArchitectures(hostArchitectures: readonly (string | null)[]): string[] {
  const set = new Set([BASELINE_ARCHITECTURE]);
  for (const arch of hostArchitectures) if (arch) set.add(toOciArchitecture(arch));
  return [...set].sort();
}
