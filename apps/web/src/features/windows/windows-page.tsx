import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function WindowsPage() {
  return (
    <>
      <PageHeader title="Windows" description="Maintenance windows: when hosts may download and reboot into a new image." />
      <EmptyState title="No maintenance windows">
        <p>A window is a recurring schedule in a time zone, such as weekdays 02:00 to 04:00 Europe/Berlin. Create one here and assign hosts to it; hosts without a window are only updated on demand.</p>
      </EmptyState>
    </>
  );
}
