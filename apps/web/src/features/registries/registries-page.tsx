import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function RegistriesPage() {
  return (
    <>
      <PageHeader title="Registries" description="The OCI registries hosts pull their images from, and the credentials bootfleet uses." />
      <EmptyState title="No registries configured">
        <p>Add each registry your hosts pull from, with credentials if it needs them. bootfleet lists tags from it and hands pull secrets to hosts.</p>
      </EmptyState>
    </>
  );
}
