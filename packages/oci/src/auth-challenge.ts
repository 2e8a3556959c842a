export interface AuthChallenge {
  scheme: 'basic' | 'bearer' | string;
  params: Record<string, string>;
}

/**
 * Parses one `WWW-Authenticate` challenge: a scheme followed by comma-separated key=value pairs
 * whose values may be quoted (quoted values can hold commas, as Bearer scopes do: "pull,push").
 */
export function parseAuthChallenge(header: string): AuthChallenge | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s+(.*))?$/s.exec(header);
  if (!match) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  const params: Record<string, string> = {};
  const pair = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  const rest = match[2] ?? '';
  let m: RegExpExecArray | null;
  while (pair.lastIndex < rest.length && (m = pair.exec(rest)) !== null) {
    const key = (m[1] ?? '').toLowerCase();
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}
