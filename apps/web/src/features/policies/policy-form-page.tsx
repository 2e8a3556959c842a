import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../auth';
import { FormError } from '../registries/form-field';
import { PolicyForm } from './policy-form';
import { policyServerErrors } from './policy-values';
import { usePolicies } from './use-policies';

/** /policies/new and /policies/:id: the policy form; read-only for viewers. */
export function PolicyFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const policies = usePolicies();
  const canChange = useCan('operator');
  // There is no GET of one policy: the list has them all, and is what the table page showed.
  const policy = id === undefined ? undefined : policies.data?.find((p) => p.id === id);
  const back = <Link to="/policies">Back to the policies</Link>;

  if (id !== undefined && !policy) {
    return (
      <>
        <PageHeader title="Policy" description={back} />
        {policies.error ? <FormError message={policyServerErrors(policies.error).form} /> : null}
        {policies.data ? (
          <EmptyState title="No such policy">
            <p>It may have been deleted.</p>
          </EmptyState>
        ) : null}
      </>
    );
  }
  return (
    <>
      <PageHeader title={policy ? `Policy ${policy.name}` : 'New policy'} description={back} />
      <PolicyForm
        // A fresh form per policy: the values are read once, and live refetches never overwrite what is being typed.
        key={policy?.id ?? 'new'}
        policy={policy}
        takenNames={(policies.data ?? []).map((p) => p.name)}
        readOnly={!canChange}
        onDone={() => void navigate('/policies')}
      />
    </>
  );
}
