import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function ImagesPage() {
  return (
    <>
      <PageHeader title="Images" description="bootc container images, their tags and digests, and which hosts run them." />
      <EmptyState title="No images tracked yet">
        <p>Images are bootc container images in your registries. Add a registry under Registries, then track a repository here to see its tags, digests and the hosts on each.</p>
      </EmptyState>
    </>
  );
}
