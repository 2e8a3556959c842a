// bootc's published status schema from ../shared (never copied into the repo), for tests.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

export const BOOTC_SCHEMA_PATH = resolve(__dirname, '../../../../../shared/bootc/host-v1.schema.json');

/** The schema is draft 2020-12; null (after printing a notice) when ../shared is absent. */
export function bootcStatusValidator(): ValidateFunction | null {
  if (!existsSync(BOOTC_SCHEMA_PATH)) {
    console.warn(`NOTICE: ${BOOTC_SCHEMA_PATH} is absent; skipping bootc schema validation`);
    return null;
  }
  // Formats (date-time, uint32) are annotations here: ajv-formats is not needed to check the shape.
  return new Ajv2020({ strict: false, logger: false }).compile(JSON.parse(readFileSync(BOOTC_SCHEMA_PATH, 'utf8')) as object);
}
