import { useEffect, useId, useRef } from 'react';
import type { Shortcut } from '../keyboard/key-sequence';

interface KeyboardShortcutsHelpProps {
  shortcuts: readonly Shortcut[];
  onClose: () => void;
}

function groupsOf(shortcuts: readonly Shortcut[]): [string, Shortcut[]][] {
  const groups = new Map<string, Shortcut[]>();
  for (const s of shortcuts) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  return [...groups];
}

/** The `?` dialog: every shortcut registered right now, by group. Escape or the backdrop closes it. */
export function KeyboardShortcutsHelp({ shortcuts, onClose }: KeyboardShortcutsHelpProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <div className="dialog__header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="button button--ghost" onClick={onClose} aria-label="Close">
            Esc
          </button>
        </div>
        {groupsOf(shortcuts).map(([group, items]) => (
          <section key={group} className="shortcut-group">
            <h3>{group}</h3>
            <dl>
              {items.map((s) => (
                <div key={s.keys.join(' ')} className="shortcut-row">
                  <dt>
                    {s.keys.map((k, i) => (
                      <kbd key={i}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
