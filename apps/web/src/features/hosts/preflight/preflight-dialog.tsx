import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../../components/status-badge';
import { useCan } from '../../auth';
import { type HostDetail, useImageChoices } from '../../fleet/use-hosts';
import { formErrors } from '../../registries/form-errors';
import { Dialog, FormError, FormField } from '../../registries/form-field';
import { describePreflight } from './describe-preflight';
import { type PreflightResult, usePreflight } from './use-preflight';
import './preflight.css';

function PreflightChecks({ result }: { result: PreflightResult }) {
  const described = describePreflight(result);
  const canPush = useCan('admin');
  return (
    <section className="preflight-result" aria-label="Pre-flight result">
      <p>
        <StatusBadge tone={described.tone}>{described.label}</StatusBadge>
      </p>
      <ul className="preflight-checks">
        {described.checks.map((c, i) => (
          <li key={`${c.name}-${i}`} data-check={c.name} data-state={c.state}>
            <span className="preflight-checks__name">{c.label}</span>
            <StatusBadge tone={c.tone}>{c.state}</StatusBadge>
            <span>
              {c.code ? <code className="mono">{c.code}</code> : null} {c.message}
              {c.hint ? (
                <span className="preflight-checks__hint">
                  {c.hint}
                  {c.fixedByPush && canPush ? (
                    <>
                      {' '}
                      <Link to="/registries">Open Registries</Link>
                    </>
                  ) : null}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Can this host pull that image?": SSH, the registry's credentials and trust on the host, and, for
 * the image the host follows, a manifest fetch by bootc. Changes nothing on the host.
 */
function PreflightDialog({ host, onClose }: { host: HostDetail; onClose: () => void }) {
  const images = useImageChoices(true);
  const preflight = usePreflight(host.id);
  const [imageId, setImageId] = useState(host.imageId ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    preflight.mutate(imageId);
  }

  return (
    <Dialog title={`Pre-flight pull on ${host.name}`} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Pre-flight pull">
        <FormField
          label="Image"
          htmlFor="preflight-image"
          hint={host.imageId ? "bootc test-pulls only the image the host follows; for other images the host's registry settings are checked." : 'The host follows no tracked image: its settings are checked, the pull itself is not tried.'}
        >
          <select
            id="preflight-image"
            value={imageId}
            autoFocus
            onChange={(e) => {
              setImageId(e.target.value);
              preflight.reset();
            }}
          >
            <option value="">Choose a tracked image…</option>
            {(images.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.reference}
                {i.id === host.imageId ? ' (this host’s image)' : ''}
              </option>
            ))}
          </select>
        </FormField>
        {preflight.data ? <PreflightChecks result={preflight.data} /> : null}
        <FormError message={preflight.error ? formErrors(preflight.error).form : images.error ? formErrors(images.error).form : null} />
        <div className="form-actions">
          {preflight.isPending ? (
            <span className="form-actions__result" aria-live="polite">
              Checking the host…
            </span>
          ) : null}
          <button type="button" className="button button--ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={imageId === '' || preflight.isPending}>
            {preflight.data ? 'Run again' : 'Run pre-flight'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The host page's "Pre-flight pull" button (operators); off while the host key needs approval, as the server would refuse. */
export function PreflightButton({ host }: { host: HostDetail }) {
  const canOperate = useCan('operator');
  const [open, setOpen] = useState(false);
  if (!canOperate) return null;
  const blocked = host.presentedFingerprint ? 'The host key changed: approve it first' : host.status === 'pending' ? 'The host is not enrolled yet' : undefined;
  return (
    <>
      <button type="button" className="button" disabled={blocked !== undefined} title={blocked} onClick={() => setOpen(true)}>
        Pre-flight pull
      </button>
      {open ? <PreflightDialog host={host} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
