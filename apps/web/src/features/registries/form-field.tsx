import type { ReactNode } from 'react';
import './forms.css';

interface FormFieldProps {
  label: string;
  /** The input; give it `id={htmlFor}`. */
  children: ReactNode;
  htmlFor: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** A labelled input with its hint and its error from the API, announced to screen readers. */
export function FormField({ label, children, htmlFor, error, hint }: FormFieldProps) {
  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <label className="form-field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <span className="form-field__hint">{hint}</span> : null}
      {error ? (
        <span className="form-field__error" role="alert" id={`${htmlFor}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A modal dialog; Escape and the close button cancel. `wide` for dialogs that hold a table. */
export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} style={{ width: `min(${wide ? 900 : 560}px, calc(100vw - 32px))` }}>
        <div className="dialog__header">
          <h2>{title}</h2>
          <button type="button" className="button button--ghost" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
