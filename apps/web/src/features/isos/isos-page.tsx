import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function IsosPage() {
  return (
    <>
      <PageHeader title="ISOs" description="Install ISOs: a base installer remastered per host with a kickstart that installs your image." />
      <EmptyState title="No install ISOs built">
        <p>Upload a base installer ISO here, then build a per-host ISO that installs a tracked image and enrolls the host on first boot.</p>
      </EmptyState>
    </>
  );
}
