import { useState } from 'react';
import { StatusBadge } from '../../components/status-badge';
import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import { shortDigest } from './describe-image';
import { type ImageRevision, useImageMutations } from './use-images';

/** Marks a revision bad (asking why) or releases it; a quarantined revision cannot be rolled out. */
function QuarantineButton({ imageId, revision, onError }: { imageId: string; revision: ImageRevision; onError: (message: string | null) => void }) {
  const { quarantine, release } = useImageMutations();
  const label = revision.version ?? shortDigest(revision.digest);
  async function toggle() {
    onError(null);
    try {
      if (revision.quarantined) {
        await release.mutateAsync({ imageId, revisionId: revision.id });
        return;
      }
      const reason = globalThis.prompt(`Why is ${label} bad? Hosts on it will be flagged and it cannot be rolled out.`);
      if (reason === null) return;
      await quarantine.mutateAsync({ imageId, revisionId: revision.id, reason });
    } catch (error) {
      const e = formErrors(error);
      onError(e.form ?? Object.values(e.fields)[0] ?? 'failed');
    }
  }
  return (
    <button
      type="button"
      className={revision.quarantined ? 'button' : 'button button--danger'}
      disabled={quarantine.isPending || release.isPending}
      onClick={() => void toggle()}
      aria-label={`${revision.quarantined ? 'Release' : 'Quarantine'} ${label}`}
    >
      {revision.quarantined ? 'Release' : 'Quarantine'}
    </button>
  );
}

/** Every digest the tag has pointed at, newest first; with `imageId`, each can be quarantined. */
export function RevisionTimeline({ revisions, imageId }: { revisions: readonly ImageRevision[]; imageId?: string }) {
  const [error, setError] = useState<string | null>(null);
  if (revisions.length === 0) return <p className="muted">No revisions recorded.</p>;
  return (
    <>
      <FormError message={error} />
      <ol className="revision-timeline" aria-label="Revision timeline">
        {revisions.map((r) => (
          <li key={r.id} data-current={r.current} data-quarantined={r.quarantined}>
            <span className={r.quarantined ? 'revision--quarantined' : undefined}>
              <strong>{r.version ?? 'no version label'}</strong> <span className="mono" title={r.digest}>{shortDigest(r.digest)}</span>
            </span>{' '}
            <span className="muted">{r.architecture}</span> {r.current ? <StatusBadge tone="ok">current</StatusBadge> : null}{' '}
            {r.quarantined ? (
              <StatusBadge tone="danger" title={r.quarantinedAt ? `since ${new Date(r.quarantinedAt).toLocaleString()}` : undefined}>
                quarantined: {r.quarantineReason}
              </StatusBadge>
            ) : null}{' '}
            {imageId ? <QuarantineButton imageId={imageId} revision={r} onError={setError} /> : null}
            <div className="muted">
              first seen {new Date(r.firstSeenAt).toLocaleString()}
              {r.created ? ` · built ${new Date(r.created).toLocaleString()}` : ''}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
