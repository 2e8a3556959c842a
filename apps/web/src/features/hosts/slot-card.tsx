import { useState } from 'react';
import { shortDigest } from '../fleet/describe-host';

interface Slot {
  image: string | null;
  digest: string | null;
  version: string | null;
  timestamp: string | null;
}

/** One of bootc's three deployments: booted, staged or rollback. */
export function SlotCard({ title, slot, note }: { title: string; slot: Slot | null; note?: string | undefined }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (!slot?.digest) return;
    await navigator.clipboard?.writeText(slot.digest);
    setCopied(true);
  }
  return (
    <section className="slot-card" aria-label={`${title} slot`} data-slot={title.toLowerCase()}>
      <h2>{title}</h2>
      {slot ? (
        <dl>
          <dt>Version</dt>
          <dd data-testid="slot-version">{slot.version ?? '—'}</dd>
          <dt>Digest</dt>
          <dd>
            <span className="mono" title={slot.digest ?? undefined} data-testid="slot-digest">
              {shortDigest(slot.digest)}
            </span>{' '}
            {slot.digest ? (
              <button type="button" className="button button--ghost" onClick={() => void copy()} aria-label={`Copy ${title.toLowerCase()} digest`}>
                {copied ? 'Copied' : 'Copy'}
              </button>
            ) : null}
          </dd>
          <dt>Built</dt>
          <dd>{slot.timestamp ? new Date(slot.timestamp).toLocaleString() : '—'}</dd>
          <dt>Image</dt>
          <dd className="mono" title={slot.image ?? undefined}>
            {slot.image ?? '—'}
          </dd>
        </dl>
      ) : (
        <p className="muted">empty</p>
      )}
      {note ? <p className="slot-card__note">{note}</p> : null}
    </section>
  );
}
