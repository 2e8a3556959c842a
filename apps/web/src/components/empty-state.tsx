import type { ReactNode } from 'react';

interface EmptyStateProps {
  /** What is missing, e.g. "No hosts enrolled yet". */
  title: string;
  /** What will appear here and what to do about it. */
  children: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__body">{children}</div>
      {action ? <div className="empty-state__action">{action}</div> : null}
    </section>
  );
}
