/**
 * Returns the absolute URL of the `rel="next"` target of a `Link` header, resolved against the
 * URL of the response that carried it (registries send paths like `</v2/x/tags/list?last=b&n=50>`).
 */
export function parseNextLink(header: string | undefined, baseUrl: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!m) continue;
    const rels = /(?:^|;)\s*rel\s*=\s*"?([^";]*)"?/i.exec(m[2] ?? '');
    if (rels && (rels[1] ?? '').split(/\s+/).includes('next')) return new URL(m[1] ?? '', baseUrl).toString();
  }
  return null;
}
