/** Where to go after signing in: only a path of this dashboard, never another site (`//evil`, `https:`). */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login') || next.startsWith('/setup')) return fallback;
  return next;
}
