import { type FormEvent, useState } from 'react';
import { FormError, FormField } from '../registries/form-field';
import { formErrors, NO_ERRORS } from '../registries/form-errors';
import { useRegistries } from '../registries/use-registries';
import { useImageMutations } from './use-images';

/** Starts tracking a repository and tag; the server resolves the tag before anything is saved. */
export function TrackImageForm({ onDone }: { onDone: () => void }) {
  const registries = useRegistries();
  const { create } = useImageMutations();
  const [registryId, setRegistryId] = useState('');
  const [repository, setRepository] = useState('');
  const [tag, setTag] = useState('latest');
  const [pollInterval, setPollInterval] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const chosen = registryId || registries.data?.[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      await create.mutateAsync({ registryId: chosen, repository, tag, pollIntervalSeconds: pollInterval === '' ? null : Number(pollInterval) });
      onDone();
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  if (registries.data?.length === 0) return <p>Add a registry first, under Registries.</p>;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Track an image">
      <FormField label="Registry" htmlFor="image-registry" error={errors.fields.registryId}>
        <select id="image-registry" value={chosen} onChange={(e) => setRegistryId(e.target.value)}>
          {(registries.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.host})
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Repository" htmlFor="image-repository" error={errors.fields.repository} hint="e.g. fedora/fedora-bootc">
        <input id="image-repository" type="text" value={repository} onChange={(e) => setRepository(e.target.value)} autoFocus />
      </FormField>
      <FormField label="Tag" htmlFor="image-tag" error={errors.fields.tag}>
        <input id="image-tag" type="text" value={tag} onChange={(e) => setTag(e.target.value)} />
      </FormField>
      <FormField label="Poll interval (seconds)" htmlFor="image-interval" error={errors.fields.pollIntervalSeconds} hint="Empty: the default from Settings">
        <input id="image-interval" type="number" min={60} value={pollInterval} onChange={(e) => setPollInterval(e.target.value)} />
      </FormField>
      <FormError message={errors.form} />
      <div className="form-actions">
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Resolving…' : 'Track image'}
        </button>
      </div>
    </form>
  );
}
