import { StatusBadge } from '../../components/status-badge';
import { shortDigest } from './describe-image';
import type { ImageRevision } from './use-images';

/** Every digest the tag has pointed at, newest first. */
export function RevisionTimeline({ revisions }: { revisions: readonly ImageRevision[] }) {
  if (revisions.length === 0) return <p className="muted">No revisions recorded.</p>;
  return (
    <ol className="revision-timeline" aria-label="Revision timeline">
      {revisions.map((r) => (
        <li key={r.id} data-current={r.current}>
          <strong>{r.version ?? 'no version label'}</strong> <span className="mono" title={r.digest}>{shortDigest(r.digest)}</span>{' '}
          <span className="muted">{r.architecture}</span> {r.current ? <StatusBadge tone="ok">current</StatusBadge> : null}
          <div className="muted">
            first seen {new Date(r.firstSeenAt).toLocaleString()}
            {r.created ? ` · built ${new Date(r.created).toLocaleString()}` : ''}
          </div>
        </li>
      ))}
    </ol>
  );
}
