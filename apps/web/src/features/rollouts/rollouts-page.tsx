import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function RolloutsPage() {
  return (
    <>
      <PageHeader title="Rollouts" description="Image changes applied to groups of hosts in batches, inside their maintenance windows, with automatic rollback." />
      <EmptyState title="No rollouts yet">
        <p>A rollout moves a set of hosts to a new image batch by batch and rolls failed hosts back. Track an image under Images and enroll hosts under Fleet, then start a rollout here.</p>
      </EmptyState>
    </>
  );
}
