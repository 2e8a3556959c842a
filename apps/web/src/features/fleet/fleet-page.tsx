import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function FleetPage() {
  return (
    <>
      <PageHeader title="Fleet" description="Every enrolled bootc host: what it runs, what is staged, and when it may reboot." />
      <EmptyState title="No hosts enrolled yet">
        <p>Hosts appear here once enrolled, one dense row each with status, booted and staged image, window and last contact. Add a host by its SSH address, or boot a per-host install ISO (see ISOs) and it enrolls itself after installation.</p>
      </EmptyState>
    </>
  );
}
