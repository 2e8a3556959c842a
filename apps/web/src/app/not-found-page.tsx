import { Link, useLocation } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { HOME_PATH } from './navigation';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title={`Nothing lives at ${pathname}`} action={<Link to={HOME_PATH}>Go to the fleet</Link>}>
        <p>The address may be mistyped, or the page may have moved. Use the navigation on the left.</p>
      </EmptyState>
    </>
  );
}
