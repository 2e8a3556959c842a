import { StatusBadge } from '../../components/status-badge';
import { PHASE_TONE, phaseCounts, progressOf } from './describe-rollout';

/** A bar split into succeeded / failed / rest, with the numbers as text (the colours are never alone). */
export function ProgressBar({ counts, total, label }: { counts: Record<string, number>; total: number; label: string }) {
  const p = progressOf(counts, total);
  const pct = (n: number) => (total > 0 ? `${(100 * n) / total}%` : '0%');
  return (
    <div className="rollout-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={p.done} aria-valuetext={`${p.done} of ${total} done, ${p.failed} failed`}>
      <div className="rollout-progress__bar" aria-hidden="true">
        <span className="rollout-progress__ok" style={{ width: pct(p.succeeded) }} />
        <span className="rollout-progress__bad" style={{ width: pct(p.failed) }} />
        <span className="rollout-progress__other" style={{ width: pct(p.done - p.succeeded - p.failed) }} />
      </div>
      <span className="rollout-progress__text">
        {p.done}/{total}
      </span>
    </div>
  );
}

export function PhaseCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <span className="phase-counts">
      {phaseCounts(counts).map(([phase, n]) => (
        <StatusBadge key={phase} tone={PHASE_TONE[phase]}>
          {n} {phase}
        </StatusBadge>
      ))}
    </span>
  );
}
