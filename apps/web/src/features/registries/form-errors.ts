import { ApiError } from '../../api';

export interface FormErrors {
  /** Messages by field path as the API names it (`url`, `credentials.password`). */
  fields: Record<string, string>;
  /** What belongs to no field, with the API's code so operators can search for it. */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

interface Issue {
  path?: unknown;
  message?: unknown;
}

/** Spreads an API error over the form: validation issues and `details.field` go next to their field. */
export function formErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: error instanceof Error ? error.message : String(error) };
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (typeof issue.path === 'string' && typeof issue.message === 'string' && !(issue.path in fields)) fields[issue.path] = issue.message;
  }
  if (typeof error.details.field === 'string') fields[error.details.field] = error.message;
  const placed = Object.keys(fields).length > 0;
  return { fields, form: placed ? null : `${error.message} (${error.code})` };
}
