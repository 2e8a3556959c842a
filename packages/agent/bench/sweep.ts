// Measurement helpers shared by the bench processes: bounded concurrency and percentiles.

export interface SweepTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly hostKeyFingerprint: string;
  readonly privateKeyPath: string;
  /** `ssh-ed25519 AAAA...`, pinned in Ansible's known_hosts so it verifies keys too. */
  readonly hostPublicKey: string;
}

/** What a fleet process reports, and (merged) what the client process reads. */
export interface FleetSlice {
  readonly hosts: readonly SweepTarget[];
}

export interface SweepFigures {
  readonly hosts: number;
  readonly failures: number;
  readonly totalMs: number;
  readonly hostsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly firstError: string | null;
}

/** Runs work for every item with at most `limit` in flight; returns each item's duration or error. */
export async function runBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<Array<{ ms: number; error: unknown }>> {
  const results: Array<{ ms: number; error: unknown }> = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const started = performance.now();
      let error: unknown = null;
      try {
        await work(items[i] as T);
      } catch (caught) {
        error = caught;
      }
      results[i] = { ms: performance.now() - started, error };
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function figures(results: ReadonlyArray<{ ms: number; error: unknown }>, totalMs: number): SweepFigures {
  const durations = results.map((r) => r.ms).sort((a, b) => a - b);
  const failed = results.filter((r) => r.error !== null);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    hosts: results.length,
    failures: failed.length,
    totalMs: round(totalMs),
    hostsPerSecond: round((results.length - failed.length) / (totalMs / 1000)),
    p50Ms: round(percentile(durations, 50)),
    p95Ms: round(percentile(durations, 95)),
    firstError: failed[0] ? String((failed[0].error as Error).message ?? failed[0].error) : null,
  };
}
