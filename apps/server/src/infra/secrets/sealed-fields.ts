/**
 * Every database column that holds a sealed value, so that the master key rotation can find them all.
 * A module that stores a sealed column registers it once, next to its repository:
 *
 *   registerSealedField({ model: 'host', field: 'sshPrivateKey', context: (row) => `host:${row.id}:ssh-key` });
 *
 * `model` is the Prisma delegate name (camelCase model), the row must have a string `id`, and
 * `context(row)` must return exactly the context the value was sealed with. Fields listed in
 * `select` are read as well and passed to `context`.
 */
export interface SealedField {
  model: string;
  field: string;
  select?: readonly string[];
  context: (row: Record<string, unknown> & { id: string }) => string;
}

const registry = new Map<string, SealedField>();

export function registerSealedField(field: SealedField): void {
  registry.set(`${field.model}.${field.field}`, field);
}

export function sealedFields(): readonly SealedField[] {
  return [...registry.values()];
}
