import { Link } from 'react-router';
import { PRODUCT_NAME } from '../../components/page-header';
import { UserMenu } from '../../features/auth';
import { HealthIndicator } from '../../features/health/health-indicator';
import { HOME_PATH } from '../navigation';

export function TopBar({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  return (
    <header className="top-bar">
      <Link to={HOME_PATH} className="top-bar__brand">
        {PRODUCT_NAME}
      </Link>
      <div className="top-bar__end">
        <HealthIndicator />
        <UserMenu />
        <button type="button" className="button button--ghost" onClick={onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
    </header>
  );
}
