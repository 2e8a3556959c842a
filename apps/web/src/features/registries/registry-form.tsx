import { type FormEvent, useState } from 'react';
import { StatusBadge } from '../../components/status-badge';
import { describeTestResult } from './describe-registry';
import { FormError, FormField } from './form-field';
import { formErrors, NO_ERRORS } from './form-errors';
import { type Registry, type RegistryCreate, type RegistryTestResult, useRegistryMutations } from './use-registries';

type CredentialKind = Registry['credentials']['kind'];

const CREDENTIAL_LABEL: Record<CredentialKind, string> = { none: 'Anonymous', basic: 'Username and password', token: 'Token' };

interface RegistryFormProps {
  /** Absent: a new registry. */
  registry?: Registry;
  onDone: () => void;
}

/**
 * Creates or edits a registry. Secrets are write-only: an edit shows "stored" and an empty field
 * keeps the stored secret. "Test connection" tries the values in the form before anything is saved.
 */
export function RegistryForm({ registry, onDone }: RegistryFormProps) {
  const { create, update, testDraft } = useRegistryMutations();
  const [name, setName] = useState(registry?.name ?? '');
  const [url, setUrl] = useState(registry?.url ?? '');
  const [insecure, setInsecure] = useState(registry?.insecure ?? false);
  const [caPem, setCaPem] = useState(registry?.caPem ?? '');
  const [kind, setKind] = useState<CredentialKind>(registry?.credentials.kind ?? 'none');
  const [username, setUsername] = useState(registry?.credentials.username ?? '');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [testResult, setTestResult] = useState<RegistryTestResult | null>(null);
  const secretStored = registry?.credentials.hasSecret === true && registry.credentials.kind === kind;

  function credentials(): RegistryCreate['credentials'] {
    // An empty secret is sent as absent on edits (keep the stored one) and as empty on create (the API says what is missing).
    const keep = secret === '' && registry !== undefined;
    if (kind === 'basic') return { kind, username, ...(keep ? {} : { password: secret }) } as RegistryCreate['credentials'];
    if (kind === 'token') return { kind, ...(keep ? {} : { token: secret }) } as RegistryCreate['credentials'];
    return { kind: 'none' };
  }

  const body = () => ({ name, url, insecure, caPem: caPem.trim() === '' ? null : caPem, credentials: credentials() });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(NO_ERRORS);
    try {
      if (registry) await update.mutateAsync({ id: registry.id, body: body() });
      else await create.mutateAsync(body());
      onDone();
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  async function test() {
    setErrors(NO_ERRORS);
    setTestResult(null);
    try {
      const { name: _name, ...draft } = body();
      setTestResult(await testDraft.mutateAsync({ ...draft, ...(registry ? { id: registry.id } : {}) }));
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  const field = (path: string) => errors.fields[path];
  const busy = create.isPending || update.isPending;
  const described = testResult ? describeTestResult(testResult) : null;

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={registry ? `Edit registry ${registry.name}` : 'New registry'}>
      <FormField label="Name" htmlFor="registry-name" error={field('name')}>
        <input id="registry-name" type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </FormField>
      <FormField label="URL" htmlFor="registry-url" error={field('url')} hint="scheme://host[:port], e.g. https://quay.io">
        <input id="registry-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://registry.example.com" />
      </FormField>
      <label className="form-check">
        <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
        Skip TLS verification (insecure)
      </label>
      <FormField label="Custom CA (PEM)" htmlFor="registry-ca" error={field('caPem')} hint="Trusted in addition to the system roots">
        <textarea id="registry-ca" rows={3} value={caPem} onChange={(e) => setCaPem(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" />
      </FormField>
      <FormField label="Credentials" htmlFor="registry-auth" error={field('credentials') ?? field('credentials.kind')}>
        <select id="registry-auth" value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
          {Object.entries(CREDENTIAL_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      {kind === 'basic' ? (
        <>
          <FormField label="Username" htmlFor="registry-username" error={field('credentials.username')}>
            <input id="registry-username" type="text" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
          </FormField>
          <FormField label="Password" htmlFor="registry-password" error={field('credentials.password')} hint={secretStored ? 'Stored; leave empty to keep it' : undefined}>
            <input id="registry-password" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
          </FormField>
        </>
      ) : null}
      {kind === 'token' ? (
        <FormField label="Token" htmlFor="registry-token" error={field('credentials.token')} hint={secretStored ? 'Stored; leave empty to keep it' : undefined}>
          <input id="registry-token" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
        </FormField>
      ) : null}
      <FormError message={errors.form} />
      <div className="form-actions">
        <span className="form-actions__result" aria-live="polite">
          {described ? (
            <StatusBadge tone={described.tone} title={described.detail}>
              {described.label}: {described.detail}
            </StatusBadge>
          ) : null}
        </span>
        <button type="button" className="button" onClick={() => void test()} disabled={testDraft.isPending}>
          {testDraft.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {registry ? 'Save' : 'Add registry'}
        </button>
      </div>
    </form>
  );
}
