import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Users, credentials and defaults." />
      <EmptyState title="Nothing to configure yet">
        <p>Users and API tokens, the SSH credentials used to reach hosts, and fleet-wide defaults will be managed here.</p>
      </EmptyState>
    </>
  );
}
