import type { z } from 'zod';
import { KickstartError } from './kickstart-error';

/** Parses with a zod schema and reports the first problem as a KickstartError at its path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, pathPrefix: ReadonlyArray<string> = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...pathPrefix, ...(issue?.path ?? []).map((part) => (typeof part === 'symbol' ? String(part) : part))];
  throw new KickstartError(issue?.message ?? 'invalid value', path);
}
