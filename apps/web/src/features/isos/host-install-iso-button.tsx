import { useState } from 'react';
import { ApiError } from '../../api';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { DEFAULT_SETTINGS, formatBytes, hostRecord, type InstallSettings } from './host-record';
import { InstallSettingsFields, recordFieldErrors, TemplateSelect } from './install-settings-fields';
import { type DownloadLink, useHostInstallIso, useTemplates } from './use-isos';
import './isos.css';

/**
 * "Download install ISO" for one host: choose a template and the host's install settings; the
 * server answers with a 15-minute link for this host only, which the browser then downloads.
 */
export function HostInstallIsoButton({ host }: { host: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Download install ISO
      </button>
      {open ? <HostInstallIsoDialog host={host} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function HostInstallIsoDialog({ host, onClose }: { host: { id: string; name: string }; onClose: () => void }) {
  const templates = useTemplates();
  const issue = useHostInstallIso(host.id);
  const [templateId, setTemplateId] = useState('');
  const [hostname, setHostname] = useState(host.name);
  const [settings, setSettings] = useState<InstallSettings>(DEFAULT_SETTINGS);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [link, setLink] = useState<DownloadLink | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setFormError(null);
    try {
      const result = await issue.mutateAsync({ templateId, record: hostRecord(hostname, settings) });
      setLink(result);
      // The link is the authorisation: a plain navigation downloads it (no fetch into memory).
      window.location.assign(result.url);
    } catch (error) {
      const mapped = error instanceof ApiError ? recordFieldErrors(error.details.path, error.message) : {};
      if (Object.keys(mapped).length) setFieldErrors(mapped);
      else {
        const errors = formErrors(error);
        setFieldErrors(errors.fields);
        setFormError(errors.form);
      }
    }
  }

  return (
    <Dialog title={`Install ISO for ${host.name}`} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Install ISO for ${host.name}`}>
        <TemplateSelect templates={templates.data ?? []} value={templateId} onChange={setTemplateId} error={fieldErrors.templateId} />
        <FormField label="Hostname" htmlFor="iso-hostname" error={fieldErrors.hostname}>
          <input id="iso-hostname" value={hostname} onChange={(e) => setHostname(e.target.value)} />
        </FormField>
        <InstallSettingsFields value={settings} onChange={setSettings} errors={fieldErrors} />
        <FormError message={formError} />
        {link ? (
          <p className="iso-link" role="status">
            Downloading ({formatBytes(link.bytes)}). If it does not start, <a href={link.url}>use this link</a> (valid until {new Date(link.expiresAt).toLocaleTimeString()}, this host only).
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={issue.isPending || !templateId}>
            Download install ISO
          </button>
        </div>
      </form>
    </Dialog>
  );
}
