import { formErrors } from '../registries/form-errors';
import { FormError } from '../registries/form-field';
import type { WindowPreview } from './use-windows';
import { formatInZone } from './window-form-values';

interface WindowPreviewPanelProps {
  preview: WindowPreview | undefined;
  error: unknown;
  pending: boolean;
  /** The zone the window runs in; openings are also shown in the browser's. */
  timeZone: string;
  browserZone: string;
}

/** What the server makes of the form so far: its description, matching hosts and next openings in both zones. */
export function WindowPreviewPanel({ preview, error, pending, timeZone, browserZone }: WindowPreviewPanelProps) {
  const problem = error ? formErrors(error) : null;
  return (
    <section className="window-preview" aria-label="Preview" aria-live="polite" aria-busy={pending}>
      {problem ? <FormError message={problem.form ?? Object.values(problem.fields).join('; ')} /> : null}
      {preview && !problem ? (
        <>
          <p className="window-preview__description">{preview.description}</p>
          <p className={preview.hostCount === 0 ? 'form-field__error' : 'muted'}>
            Covers {preview.selectorDescription}: {preview.hostCount === 1 ? '1 host' : `${preview.hostCount} hosts`} now
          </p>
          {preview.nextOpenings.length === 0 ? (
            <p className="muted">No future openings.</p>
          ) : (
            <table className="window-preview__openings" aria-label="Next openings">
              <thead>
                <tr>
                  <th scope="col">Opens ({timeZone})</th>
                  {browserZone !== timeZone ? <th scope="col">Your time ({browserZone})</th> : null}
                  <th scope="col">Closes ({timeZone})</th>
                </tr>
              </thead>
              <tbody>
                {preview.nextOpenings.map((o) => (
                  <tr key={o.start}>
                    <td>{formatInZone(o.start, timeZone)}</td>
                    {browserZone !== timeZone ? <td>{formatInZone(o.start, browserZone)}</td> : null}
                    <td>{formatInZone(o.end, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
