import { useState } from 'react';
import { ApiError } from '../../api';
import { Dialog, FormError, FormField } from '../registries/form-field';
import { formErrors } from '../registries/form-errors';
import { DEFAULT_SETTINGS, formatBytes, hostRecord, type InstallSettings, parseHostLines } from './host-record';
import { InstallSettingsFields, recordFieldErrors, TemplateSelect } from './install-settings-fields';
import { type DownloadLink, type IsoTemplate, useIsoMutations } from './use-isos';

/**
 * "Add hosts by ISO": names one per line plus shared settings -> pending hosts, each with its own
 * download link. The hosts enroll themselves when their installer calls home.
 */
export function AddHostsWizard({ templates, onClose }: { templates: IsoTemplate[]; onClose: () => void }) {
  const { addHosts } = useIsoMutations();
  const [templateId, setTemplateId] = useState('');
  const [lines, setLines] = useState('');
  const [settings, setSettings] = useState<InstallSettings>(DEFAULT_SETTINGS);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [links, setLinks] = useState<{ name: string; link: DownloadLink }[] | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setFormError(null);
    const hosts = parseHostLines(lines);
    if (hosts.length === 0) {
      setFieldErrors({ hosts: 'Name at least one host' });
      return;
    }
    try {
      const result = await addHosts.mutateAsync({ templateId, hosts: hosts.map((h) => ({ name: h.name, sshPort: 22, record: hostRecord(h.hostname, settings) })) });
      setLinks(result.map((link, i) => ({ name: hosts[i]?.name ?? link.hostId, link })));
    } catch (error) {
      const path = error instanceof ApiError ? error.details.path : undefined;
      const mapped = error instanceof ApiError ? recordFieldErrors(path, error.message) : {};
      const row = Array.isArray(path) && path[0] === 'hosts' ? hosts[Number(path[1])] : undefined;
      if (Object.keys(mapped).length) {
        setFieldErrors(mapped.hostname ? { hosts: `${row?.name ?? ''}: ${mapped.hostname}` } : mapped);
      } else {
        const errors = formErrors(error);
        setFieldErrors(errors.fields);
        setFormError(errors.form);
      }
    }
  }

  return (
    <Dialog title="Add hosts by ISO" onClose={onClose}>
      {links ? (
        <div className="form">
          <p>
            {links.length} pending {links.length === 1 ? 'host' : 'hosts'} created. Each link is valid for 15 minutes and for that host only; the host enrolls
            itself when its installation finishes.
          </p>
          <ul className="iso-links" aria-label="Download links">
            {links.map(({ name, link }) => (
              <li key={link.hostId}>
                <a href={link.url} download>
                  {name}.iso
                </a>{' '}
                <span className="muted">{formatBytes(link.bytes)}</span>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add hosts by ISO">
          <TemplateSelect templates={templates} value={templateId} onChange={setTemplateId} error={fieldErrors.templateId} />
          <FormField label="Hosts" htmlFor="iso-hosts" error={fieldErrors.hosts} hint="One per line: name, or name and hostname">
            <textarea id="iso-hosts" className="mono" rows={5} value={lines} onChange={(e) => setLines(e.target.value)} placeholder={'edge-01 edge-01.example.com\nedge-02 edge-02.example.com'} />
          </FormField>
          <InstallSettingsFields value={settings} onChange={setSettings} errors={fieldErrors} />
          <FormError message={formError} />
          <div className="form-actions">
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={addHosts.isPending || !templateId}>
              Create hosts and links
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
