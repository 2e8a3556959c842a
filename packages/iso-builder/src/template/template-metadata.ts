// What a per-host ISO needs from its template, stored beside it as TEMPLATE.iso.json.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { IsoError } from '../errors';

const md5State = z.object({
  words: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
  length: z.number().int().nonnegative(),
  pending: z.string().regex(/^([0-9a-f]{2})*$/),
});

export const templateMetadataSchema = z.object({
  format: z.literal('bootfleet-iso-template/1'),
  templateBytes: z.number().int().positive(),
  volumeLabel: z.string(),
  layout: z.enum(['isolinux', 'grub-appended']),
  imageRef: z.string(),
  offline: z.boolean(),
  kernelArgs: z.array(z.string()),
  bootArgument: z.string(),
  slot: z.object({ offset: z.number().int().positive(), bytes: z.number().int().positive() }),
  checksum: z.object({
    volumeBytes: z.number().int().positive(),
    hashedBytes: z.number().int().positive(),
    /** MD5 and fragment state of the image up to the slot (application area blanked). */
    atSlot: z.object({
      position: z.number().int().nonnegative(),
      md5: md5State,
      fragmentSums: z.string(),
      previousFragment: z.number().int().nonnegative(),
    }),
  }),
  builtAt: z.string(),
});

export type TemplateMetadata = z.infer<typeof templateMetadataSchema>;

export function metadataPathFor(templatePath: string): string {
  return `${templatePath}.json`;
}

export async function readTemplateMetadata(templatePath: string): Promise<TemplateMetadata> {
  const path = metadataPathFor(templatePath);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new IsoError('INVALID_TEMPLATE', `template metadata ${path} cannot be read: ${(error as Error).message}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new IsoError('INVALID_TEMPLATE', `template metadata ${path} is not JSON: ${(error as Error).message}`, { path });
  }
  const parsed = templateMetadataSchema.safeParse(json);
  if (!parsed.success) throw new IsoError('INVALID_TEMPLATE', `template metadata ${path} is invalid: ${parsed.error.message}`, { path });
  return parsed.data;
}
