import type { ReactNode } from 'react';

export type StatusTone = 'ok' | 'warning' | 'danger' | 'info' | 'neutral';

interface StatusBadgeProps {
  tone: StatusTone;
  children: ReactNode;
  /** Longer explanation shown on hover. */
  title?: string;
}

/** A coloured dot and a label: the colour is never the only carrier of the status. */
export function StatusBadge({ tone, children, title }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${tone}`} data-tone={tone} title={title}>
      <span className="status-badge__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
