import { type FormEvent, useEffect, useState } from 'react';
import { FormError, FormField } from '../registries/form-field';
import { formErrors, NO_ERRORS } from '../registries/form-errors';
import { useSettings, useUpdateSettings } from './use-settings';

/** Fleet-wide intervals: host status refresh and the default image poll. */
export function GeneralSettings() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const [refresh, setRefresh] = useState('');
  const [poll, setPoll] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setRefresh(String(settings.data.refreshIntervalSeconds));
    setPoll(String(settings.data.imagePollIntervalSeconds));
  }, [settings.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setSaved(false);
    try {
      await update.mutateAsync({ refreshIntervalSeconds: Number(refresh), imagePollIntervalSeconds: Number(poll) });
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error));
    }
  }

  return (
    <section aria-label="General settings" style={{ maxWidth: 480 }}>
      <h2 style={{ fontSize: 15 }}>General</h2>
      <FormError message={settings.error ? formErrors(settings.error).form : null} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <FormField label="Host status refresh (seconds)" htmlFor="settings-refresh" error={errors.fields.refreshIntervalSeconds} hint="How often bootfleet reads bootc status from each host (30 s to 1 day)">
          <input id="settings-refresh" type="number" min={30} value={refresh} onChange={(e) => setRefresh(e.target.value)} disabled={!settings.data} />
        </FormField>
        <FormField label="Image poll interval (seconds)" htmlFor="settings-poll" error={errors.fields.imagePollIntervalSeconds} hint="Default for images without their own interval (60 s to 7 days)">
          <input id="settings-poll" type="number" min={60} value={poll} onChange={(e) => setPoll(e.target.value)} disabled={!settings.data} />
        </FormField>
        <FormError message={errors.form} />
        <div className="form-actions">
          <span className="form-actions__result" aria-live="polite">
            {saved ? 'Saved' : ''}
          </span>
          <button type="submit" className="button button--primary" disabled={update.isPending || !settings.data}>
            Save
          </button>
        </div>
      </form>
    </section>
  );
}
