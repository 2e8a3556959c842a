/**
 * GETs `url` from the server until it answers `expectStatus` or the deadline passes (a freshly
 * rebooted service may need a moment). Returns what was last seen, for the host's error.
 */
export async function httpCheck(url: string, expectStatus: number, deadline: number): Promise<{ ok: boolean; seen: string }> {
  let seen = 'no answer';
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, seen };
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.min(left, 10_000)) });
      await res.body?.cancel();
      if (res.status === expectStatus) return { ok: true, seen: String(res.status) };
      seen = `HTTP ${res.status}`;
    } catch (error) {
      seen = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, deadline - Date.now()))));
  }
}
