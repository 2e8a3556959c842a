import { useState } from 'react';
import { FormError } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { useFleetKey } from './use-settings';

/** The public key hosts must authorise for bootfleet's SSH user, with a copy button. */
export function FleetKey() {
  const key = useFleetKey();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // Clipboard access needs a secure context; the key stays selectable by hand.
      setCopied('failed');
    }
  }

  return (
    <section aria-label="Fleet SSH key" style={{ marginTop: 24 }}>
      <h2 style={{ fontSize: 15 }}>Fleet SSH key</h2>
      <p className="muted">Add this public key to the SSH user's authorized_keys on each host (the install ISO does it for you).</p>
      <FormError message={key.error ? formErrors(key.error).form : null} />
      {key.data ? (
        <div className="form">
          <textarea className="mono" readOnly rows={3} value={key.data.publicKey} aria-label="Fleet public key" onFocus={(e) => e.currentTarget.select()} style={{ width: '100%' }} />
          <div className="form-actions">
            <span className="form-actions__result muted">
              {key.data.fingerprint}
              {copied === 'copied' ? ' · copied' : copied === 'failed' ? ' · copy failed: select the key and copy it by hand' : ''}
            </span>
            <button type="button" className="button" onClick={() => void copy(key.data.publicKey)}>
              Copy public key
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
