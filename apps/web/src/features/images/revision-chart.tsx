import { revisionBars } from './describe-image';
import type { ImageRevision, RevisionUsage } from './use-images';

/** Hosts per booted revision as horizontal bars; the current revision is green and listed first. */
export function RevisionChart({ usage, revisions }: { usage: readonly RevisionUsage[]; revisions: readonly ImageRevision[] }) {
  const bars = revisionBars(usage, revisions);
  if (bars.length === 0) return <p className="muted">No enrolled host runs this image yet.</p>;
  return (
    <dl className="revision-chart" aria-label="Hosts per revision">
      {bars.map((bar) => (
        <div className="revision-chart__row" key={bar.key} data-testid="revision-bar">
          <dt className="revision-chart__label" title={bar.known ? undefined : 'Not a digest this tag has pointed at while tracked'}>
            {bar.label}
            {bar.current ? ' · current' : ''}
          </dt>
          <dd style={{ display: 'contents' }}>
            <span className="revision-chart__track" aria-hidden="true">
              <span className="revision-chart__bar" data-current={bar.current} style={{ display: 'block', width: `${Math.round(bar.fraction * 100)}%` }} />
            </span>
            <span className="revision-chart__count">{bar.hosts}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
