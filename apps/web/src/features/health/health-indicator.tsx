import { StatusBadge } from '../../components/status-badge';
import { describeHealth } from './describe-health';
import { useHealth } from './use-health';

export function HealthIndicator() {
  const { data, error } = useHealth();
  const summary = describeHealth(data, error);
  return (
    <div className="health-indicator" role="status" aria-live="polite" aria-label="Server health">
      <StatusBadge tone={summary.tone} title={summary.detail}>
        {summary.label}
        {summary.tone === 'ok' && data ? <span className="health-indicator__version">v{data.version}</span> : null}
      </StatusBadge>
    </div>
  );
}
