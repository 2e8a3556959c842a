import { useState } from 'react';
import { enumValues } from '../../api';
import { formErrors, type FormErrors, NO_ERRORS } from '../registries/form-errors';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { CREDENTIAL_LABEL } from './describe-host';
import { type ImportPreview, type ImportRequest, useHostMutations, useJob } from './use-hosts';

type ImportCredentialKind = ImportRequest['credential']['kind'];

/** The default, the fleet key, first. */
const CREDENTIAL_KINDS = enumValues<ImportCredentialKind>()(['fleet-key', 'private-key', 'password']);

interface ImportResult {
  name: string;
  outcome: string;
  message: string | null;
}

function ImportProgress({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const progress = job.data?.progress as { total?: number; done?: number; results?: ImportResult[] } | null | undefined;
  const results = progress?.results ?? [];
  return (
    <div className="import-progress" aria-live="polite">
      <p>
        <strong data-testid="import-state">{job.data?.state ?? 'queued'}</strong> — {progress?.done ?? 0} of {progress?.total ?? '…'} hosts
        {job.data?.error ? <span className="form-error"> {job.data.error.message}</span> : null}
      </p>
      <progress max={progress?.total ?? 1} value={progress?.done ?? 0} />
      <ul className="import-results">
        {results.map((r) => (
          <li key={r.name} data-outcome={r.outcome}>
            <span className="mono">{r.name}</span> {r.outcome}
            {r.message ? <span className="muted"> — {r.message}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Bulk enrollment: paste or upload an inventory, preview (host keys to approve), then import as one job. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { importPreview, importStart } = useHostMutations();
  const [text, setText] = useState('');
  const [user, setUser] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [approved, setApproved] = useState<Record<string, string>>({});
  const [credentialKind, setCredentialKind] = useState<ImportCredentialKind>('fleet-key');
  const [privateKey, setPrivateKey] = useState('');
  const [password, setPassword] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const defaults = { labels: {}, group: null, ...(user.trim() ? { user: user.trim() } : {}) };

  async function runPreview() {
    setErrors(NO_ERRORS);
    try {
      setPreview(await importPreview.mutateAsync({ text, defaults }));
      setApproved({});
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  async function runImport() {
    setErrors(NO_ERRORS);
    const credential =
      credentialKind === 'private-key' ? { kind: credentialKind, privateKey } : credentialKind === 'password' ? { kind: credentialKind, password } : { kind: credentialKind };
    try {
      setJobId((await importStart.mutateAsync({ text, defaults, credential, approvedFingerprints: approved })).jobId);
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  const probed = preview?.hosts.filter((h) => h.fingerprintSource === 'probed') ?? [];
  const f = errors.fields;
  return (
    <Dialog title="Import hosts" onClose={onClose}>
      {jobId ? (
        <>
          <ImportProgress jobId={jobId} />
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <div className="form">
          <FormField label="Inventory" htmlFor="import-text" error={f.text} hint="host-sim inventory.json, an Ansible INI inventory, or one [user@]address[:port] [name] [key=value…] per line">
            <textarea id="import-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </FormField>
          <div className="form-row">
            <FormField label="…or a file" htmlFor="import-file">
              <input id="import-file" type="file" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
            </FormField>
            <FormField label="Default SSH user" htmlFor="import-user" error={f['defaults.user']}>
              <input id="import-user" type="text" value={user} onChange={(e) => setUser(e.target.value)} placeholder="when a line has none" />
            </FormField>
          </div>
          <div className="form-actions form-actions--start">
            <button type="button" className="button" onClick={() => void runPreview()} disabled={!text.trim() || importPreview.isPending}>
              {importPreview.isPending ? 'Reading host keys…' : 'Preview'}
            </button>
          </div>
          {preview ? (
            <>
              {preview.problems.length ? (
                <ul className="form-error" role="alert">
                  {preview.problems.map((p) => (
                    <li key={`${p.line}-${p.message}`}>
                      line {p.line}: {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="data-table import-preview">
                <table aria-label="Hosts to import">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Target</th>
                      <th>Host key</th>
                      <th>Approve</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.hosts.map((h) => (
                      <tr key={h.name}>
                        <td className="mono">
                          {h.name}
                          {h.exists ? <span className="muted"> (enrolled)</span> : null}
                        </td>
                        <td className="mono">
                          {h.user ?? '?'}@{h.address}:{h.port}
                        </td>
                        <td className="mono" title={h.probeError ?? h.fingerprint ?? ''}>
                          {h.fingerprint ?? <span className="text-danger">{h.probeError}</span>}
                        </td>
                        <td>
                          {h.fingerprintSource === 'inventory' ? (
                            'from inventory'
                          ) : h.fingerprint ? (
                            <input
                              type="checkbox"
                              aria-label={`Approve host key of ${h.name}`}
                              checked={approved[h.name] === h.fingerprint}
                              onChange={(e) =>
                                setApproved(({ [h.name]: _dropped, ...rest }) => (e.target.checked ? { ...rest, [h.name]: h.fingerprint as string } : rest))
                              }
                            />
                          ) : (
                            'unreachable'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {probed.length > 1 ? (
                <button type="button" className="button button--ghost" onClick={() => setApproved(Object.fromEntries(probed.map((h) => [h.name, h.fingerprint as string])))}>
                  Approve all {probed.length} probed keys
                </button>
              ) : null}
              <fieldset className="form-fieldset">
                <legend>Credential for every host</legend>
                {CREDENTIAL_KINDS.map((kind) => (
                  <label key={kind} className="form-check">
                    <input type="radio" name="import-credential" checked={credentialKind === kind} onChange={() => setCredentialKind(kind)} />
                    {CREDENTIAL_LABEL[kind]}
                  </label>
                ))}
                {credentialKind === 'private-key' ? (
                  <FormField label="Private key file" htmlFor="import-key-file" error={f['credential.privateKey']}>
                    <input id="import-key-file" type="file" onChange={(e) => void e.target.files?.[0]?.text().then(setPrivateKey)} />
                  </FormField>
                ) : null}
                {credentialKind === 'password' ? (
                  <FormField label="Password" htmlFor="import-password" error={f['credential.password']}>
                    <input id="import-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
                  </FormField>
                ) : null}
              </fieldset>
            </>
          ) : null}
          <FormError message={errors.form} />
          <div className="form-actions">
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button--primary" disabled={!preview || importStart.isPending} onClick={() => void runImport()}>
              Import {preview ? preview.hosts.filter((h) => !h.exists).length : ''} hosts
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
