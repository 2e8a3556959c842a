import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { type Shortcut, SequenceMatcher } from './key-sequence';

interface ShortcutRegistry {
  /** Every shortcut registered now, in registration order (for the help dialog). */
  shortcuts: readonly Shortcut[];
  register(shortcuts: readonly Shortcut[]): () => void;
}

const ShortcutContext = createContext<ShortcutRegistry | null>(null);

/** Typing in a field must never trigger navigation. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** One document-level key listener for the whole app; components add shortcuts with useShortcuts(). */
export function KeyboardShortcutsProvider({ children }: { children: ReactNode }) {
  const [groups, setGroups] = useState<readonly (readonly Shortcut[])[]>([]);
  const shortcuts = useMemo(() => groups.flat(), [groups]);
  // The listener is attached once and reads the current list through this ref.
  const shortcutsRef = useRef(shortcuts);
  useEffect(() => {
    shortcutsRef.current = shortcuts;
  }, [shortcuts]);

  useEffect(() => {
    const matcher = new SequenceMatcher();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const match = matcher.press(event.key, performance.now(), shortcutsRef.current);
      if (!match) return;
      event.preventDefault();
      match.run();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const register = useCallback((group: readonly Shortcut[]) => {
    setGroups((current) => [...current, group]);
    return () => setGroups((current) => current.filter((g) => g !== group));
  }, []);

  const registry = useMemo(() => ({ shortcuts, register }), [shortcuts, register]);
  return <ShortcutContext.Provider value={registry}>{children}</ShortcutContext.Provider>;
}

function useRegistry(): ShortcutRegistry {
  const registry = useContext(ShortcutContext);
  if (!registry) throw new Error('keyboard shortcuts need a <KeyboardShortcutsProvider> above them');
  return registry;
}

/** Registers shortcuts while the calling component is mounted. Pass a memoised array. */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const { register } = useRegistry();
  useEffect(() => register(shortcuts), [register, shortcuts]);
}

export function useRegisteredShortcuts(): readonly Shortcut[] {
  return useRegistry().shortcuts;
}
