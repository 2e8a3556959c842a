import { FormField } from '../registries/form-field';
import type { InstallSettings } from './host-record';
import type { IsoTemplate } from './use-isos';

/** The template picker: only templates that are ready can produce host ISOs. */
export function TemplateSelect({ templates, value, onChange, error }: { templates: IsoTemplate[]; value: string; onChange: (id: string) => void; error?: string | undefined }) {
  const ready = templates.filter((t) => t.state === 'ready');
  return (
    <FormField label="Template" htmlFor="iso-template" error={error} hint={ready.length ? undefined : 'No template is ready: build one on the ISOs page first.'}>
      <select id="iso-template" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a template…</option>
        {ready.map((t) => (
          <option key={t.id} value={t.id}>
            {t.baseName} · {t.imageRef}
            {t.offline ? ' (offline)' : ''}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** Disk, partitioning, locale and a login user: the same for one host or a whole batch. */
export function InstallSettingsFields({ value, onChange, errors }: { value: InstallSettings; onChange: (v: InstallSettings) => void; errors: Record<string, string> }) {
  const set = <K extends keyof InstallSettings>(key: K, v: InstallSettings[K]) => onChange({ ...value, [key]: v });
  const text = (key: 'disk' | 'timezone' | 'locale' | 'keyboard' | 'userName', label: string, hint?: string) => (
    <FormField label={label} htmlFor={`iso-${key}`} error={errors[key]} hint={hint}>
      <input id={`iso-${key}`} value={value[key]} onChange={(e) => set(key, e.target.value)} />
    </FormField>
  );
  return (
    <>
      {text('disk', 'Install disk', '"smallest" picks the smallest local disk; or a path such as /dev/vda (it is wiped)')}
      <FormField label="Partitioning" htmlFor="iso-partitioning">
        <select id="iso-partitioning" value={value.partitioning} onChange={(e) => set('partitioning', e.target.value as InstallSettings['partitioning'])}>
          <option value="autopart">Automatic (XFS)</option>
          <option value="xfs-root">Single XFS root</option>
        </select>
      </FormField>
      {text('timezone', 'Time zone')}
      {text('locale', 'Locale')}
      {text('keyboard', 'Keyboard')}
      {text('userName', 'Login user (optional)', 'Gets the SSH keys below; root is reachable with the fleet key only')}
      <FormField label="SSH public keys" htmlFor="iso-sshKey" error={errors.sshKey}>
        <textarea id="iso-sshKey" className="mono" rows={3} value={value.sshKey} onChange={(e) => set('sshKey', e.target.value)} />
      </FormField>
    </>
  );
}

/** Server errors name a record field (`record.hostname`, `hosts.0.record.disk.value`): map them to our inputs. */
export function recordFieldErrors(path: unknown, message: string): Record<string, string> {
  if (!Array.isArray(path)) return {};
  const parts = path.map(String);
  const at = parts.indexOf('record');
  const field = parts[at + 1];
  const map: Record<string, string> = { disk: 'disk', timezone: 'timezone', locale: 'locale', keyboard: 'keyboard', users: parts[at + 3] === 'sshKeys' ? 'sshKey' : 'userName', hostname: 'hostname' };
  const input = field ? map[field] : undefined;
  return input ? { [input]: message } : {};
}
