import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

export function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who changed what, and when." />
      <EmptyState title="No audit events yet">
        <p>Every change made through bootfleet (enrolments, rollouts, registries, windows, settings, sign-ins) is recorded here with its actor, target and result.</p>
      </EmptyState>
    </>
  );
}
