/**
 * Request bodies go into audit details; secrets must not. Any field whose name suggests a secret is
 * replaced, at any depth, and long values and big structures are cut so the log cannot be flooded.
 */
const SECRET_WORD = /pass(word|phrase)?|secret|token|private|credential|authori[sz]ation|cookie/i;
// `key`, `api_key`, `sshKey`, but not `monkey` or `keyboard`.
const KEY_FIELD = /^key$|[_-]key$|[a-z0-9]Key$/;
const isSecretField = (name: string): boolean => SECRET_WORD.test(name) || KEY_FIELD.test(name) || /^KEY$|_KEY$/.test(name);
export const REDACTED = '[redacted]';
const MAX_STRING = 256;
const MAX_ENTRIES = 50;
const MAX_DEPTH = 4;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    // PostgreSQL's jsonb cannot hold NUL: a hostile value must not cost the audit line.
    const clean = value.replaceAll('\u0000', '\uFFFD');
    return clean.length > MAX_STRING ? `${clean.slice(0, MAX_STRING)}…(${clean.length} chars)` : clean;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, MAX_ENTRIES).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, MAX_ENTRIES)) {
    out[k.replaceAll('\u0000', '\uFFFD')] = isSecretField(k) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
