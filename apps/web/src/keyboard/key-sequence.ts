/** A keyboard shortcut: one key (`?`) or a sequence pressed one after another (`g f`). */
export interface Shortcut {
  keys: readonly string[];
  description: string;
  /** Heading it is listed under in the shortcut help. */
  group: string;
  run: () => void;
}

/** How long the next key of a sequence may take before the sequence starts over. */
export const SEQUENCE_TIMEOUT_MS = 1_500;

function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= keys.length && prefix.every((key, i) => keys[i] === key);
}

/**
 * Turns key presses into shortcut matches. Pure apart from the pending keys it remembers;
 * time is passed in so that tests need no clock.
 */
export class SequenceMatcher {
  private pending: string[] = [];
  private lastPressAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly timeoutMs = SEQUENCE_TIMEOUT_MS) {}

  /** Returns the shortcut the key completes, if any. */
  press(key: string, now: number, shortcuts: readonly Shortcut[]): Shortcut | undefined {
    if (now - this.lastPressAt > this.timeoutMs) this.pending = [];
    this.lastPressAt = now;
    for (const keys of [[...this.pending, key], [key]]) {
      const exact = shortcuts.find((s) => s.keys.length === keys.length && startsWith(s.keys, keys));
      if (exact) {
        this.pending = [];
        return exact;
      }
      if (shortcuts.some((s) => startsWith(s.keys, keys))) {
        this.pending = keys;
        return undefined;
      }
      // A key that continues no sequence may still start a new one: try it alone.
    }
    this.pending = [];
    return undefined;
  }
}
