import { type FormEvent, useState } from 'react';
import { enumValues } from '../../api';
import { formErrors, type FormErrors, NO_ERRORS } from '../registries/form-errors';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { CREDENTIAL_LABEL, type CredentialKind, parseLabels } from './describe-host';
import { useHostMutations } from './use-hosts';

const CREDENTIAL_KINDS = enumValues<CredentialKind>()(['private-key', 'password', 'fleet-key']);

/**
 * Enrollment in three steps on one form: address → Probe (shows the host key to approve, or take a
 * pasted expected fingerprint) → credential, labels and group → Enroll. API errors land on their field.
 */
export function EnrollDialog({ onClose }: { onClose: () => void }) {
  const { probe, enroll } = useHostMutations();
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('22');
  const [user, setUser] = useState('core');
  const [name, setName] = useState('');
  const [presented, setPresented] = useState<{ fingerprint: string; keyType: string } | null>(null);
  const [approved, setApproved] = useState(false);
  const [expected, setExpected] = useState('');
  const [credentialKind, setCredentialKind] = useState<CredentialKind>('private-key');
  const [privateKey, setPrivateKey] = useState('');
  const [keyFileName, setKeyFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [password, setPassword] = useState('');
  const [labels, setLabels] = useState('');
  const [group, setGroup] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const fingerprint = expected.trim() || (approved && presented ? presented.fingerprint : '');

  async function runProbe() {
    setErrors(NO_ERRORS);
    setPresented(null);
    setApproved(false);
    try {
      setPresented(await probe.mutateAsync({ address: address.trim(), port: Number(port) }));
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  async function readKeyFile(file: File | undefined) {
    if (!file) return;
    // Read in the browser: the key goes to the server only inside the enrollment request.
    setPrivateKey(await file.text());
    setKeyFileName(file.name);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsedLabels = parseLabels(labels);
    if (typeof parsedLabels === 'string') return setErrors({ fields: { labels: parsedLabels }, form: null });
    if (!fingerprint) return setErrors({ fields: { fingerprint: 'probe the host and approve its key, or paste the expected fingerprint' }, form: null });
    setErrors(NO_ERRORS);
    const credential =
      credentialKind === 'private-key'
        ? { kind: credentialKind, privateKey, ...(passphrase ? { passphrase } : {}) }
        : credentialKind === 'password'
          ? { kind: credentialKind, password }
          : { kind: credentialKind };
    try {
      await enroll.mutateAsync({
        name: name.trim() || address.trim(),
        address: address.trim(),
        port: Number(port),
        user: user.trim(),
        fingerprint,
        credential,
        labels: parsedLabels,
        group: group.trim() || null,
        autoUpdateOptOut: false,
      });
      onClose();
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  const f = errors.fields;
  return (
    <Dialog title="Enroll host" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="Enroll host">
        <div className="form-row">
          <FormField label="Address" htmlFor="enroll-address" error={f.address}>
            <input id="enroll-address" type="text" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="host.example.com or 10.0.0.5" autoFocus />
          </FormField>
          <FormField label="Port" htmlFor="enroll-port" error={f.port}>
            <input id="enroll-port" type="number" value={port} onChange={(e) => setPort(e.target.value)} min={1} max={65535} />
          </FormField>
          <FormField label="SSH user" htmlFor="enroll-user" error={f.user}>
            <input id="enroll-user" type="text" value={user} onChange={(e) => setUser(e.target.value)} />
          </FormField>
        </div>
        <div className="form-actions form-actions--start">
          <button type="button" className="button" onClick={() => void runProbe()} disabled={!address.trim() || probe.isPending}>
            {probe.isPending ? 'Probing…' : 'Probe'}
          </button>
          {presented ? (
            <label className="form-check host-key-approval">
              <input type="checkbox" checked={approved} onChange={(e) => setApproved(e.target.checked)} />
              <span>
                Approve {presented.keyType} key <code data-testid="presented-fingerprint">{presented.fingerprint}</code>
              </span>
            </label>
          ) : null}
        </div>
        <FormField label="Expected fingerprint (instead of probing)" htmlFor="enroll-fingerprint" error={f.fingerprint} hint="SHA256:… as ssh-keygen -lf prints it on the host">
          <input id="enroll-fingerprint" type="text" value={expected} onChange={(e) => setExpected(e.target.value)} placeholder="SHA256:…" />
        </FormField>
        <FormField label="Name" htmlFor="enroll-name" error={f.name} hint="Defaults to the address">
          <input id="enroll-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <fieldset className="form-fieldset">
          <legend>Credential</legend>
          {CREDENTIAL_KINDS.map((kind) => (
            <label key={kind} className="form-check">
              <input type="radio" name="credential" value={kind} checked={credentialKind === kind} onChange={() => setCredentialKind(kind)} />
              {CREDENTIAL_LABEL[kind]}
            </label>
          ))}
          {credentialKind === 'private-key' ? (
            <>
              <FormField label="Private key file" htmlFor="enroll-key-file" error={f['credential.privateKey']} hint={keyFileName ? `read ${keyFileName}` : 'OpenSSH private key; read in the browser'}>
                <input id="enroll-key-file" type="file" onChange={(e) => void readKeyFile(e.target.files?.[0])} />
              </FormField>
              <FormField label="Passphrase" htmlFor="enroll-passphrase" error={f['credential.passphrase']}>
                <input id="enroll-passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
              </FormField>
            </>
          ) : null}
          {credentialKind === 'password' ? (
            <FormField label="Password" htmlFor="enroll-password" error={f['credential.password']} hint="Not stored: bootfleet installs its fleet key and forgets the password">
              <input id="enroll-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
            </FormField>
          ) : null}
        </fieldset>
        <div className="form-row">
          <FormField label="Labels" htmlFor="enroll-labels" error={f.labels} hint="key=value, separated by spaces">
            <input id="enroll-labels" type="text" value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="env=prod site=berlin" />
          </FormField>
          <FormField label="Group" htmlFor="enroll-group" error={f.group}>
            <input id="enroll-group" type="text" value={group} onChange={(e) => setGroup(e.target.value)} />
          </FormField>
        </div>
        <FormError message={errors.form} />
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={enroll.isPending}>
            {enroll.isPending ? 'Enrolling…' : 'Enroll'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
