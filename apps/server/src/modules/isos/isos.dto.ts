import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { plainText } from '../../common/auth/credential-rules';

const failure = z.object({ code: z.string(), message: z.string() });
const hostRecord = z
  .record(z.string(), z.unknown())
  .describe('HOST.json of @bootfleet/iso-builder (hostname, network, disk, partitioning, users, timezone, locale, keyboard); validated by the server');

export const baseIsoRegisterSchema = z.object({
  path: z.string().min(1).max(4096).describe('Absolute, normalised path of a regular file on the server'),
  name: plainText(200).optional().describe('Display name; default: the file name'),
});

export const baseIsoSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  external: z.boolean().describe('Registered in place rather than uploaded into the data directory'),
  size: z.number().int().nonnegative(),
  sha256: z.string().max(64).nullable(),
  state: z.enum(['uploading', 'ready', 'failed']),
  error: failure.nullable(),
  inspection: z
    .object({
      volumeLabel: z.string(),
      layout: z.string().describe('isolinux | grub-appended'),
      architecture: z.string(),
      volumeBytes: z.number().int(),
      bootConfigs: z.array(z.object({ path: z.string(), kernelLines: z.array(z.string()) })),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
});

export const templateCreateSchema = z.object({
  baseId: z.uuid(),
  imageId: z.uuid().describe('A tracked image; the template pins the digest its tag points at when the build runs'),
  offline: z.boolean().default(false).describe('Carry the image inside the ISO (no registry access needed to install)'),
  kernelArgs: z.array(z.string().min(1).max(256)).max(32).default([]).describe('Extra kernel arguments, each one plain token'),
});

export const templateSchema = z.object({
  id: z.uuid(),
  baseId: z.uuid(),
  baseName: z.string(),
  imageId: z.uuid().nullable(),
  imageRef: z.string(),
  pinnedRef: z.string().max(512).nullable().describe('The digest-pinned reference every host ISO installs'),
  offline: z.boolean(),
  kernelArgs: z.array(z.string()),
  state: z.enum(['queued', 'building', 'ready', 'failed']),
  progress: z.object({ step: z.string(), percent: z.number() }).nullable(),
  size: z.number().int().nullable(),
  slot: z.object({ offset: z.number().int(), bytes: z.number().int() }).nullable(),
  error: failure.nullable(),
  jobId: z.uuid().nullable().describe('The job record with the build log'),
  createdAt: z.iso.datetime(),
});

export const hostInstallIsoSchema = z.object({
  templateId: z.uuid(),
  record: hostRecord,
});

export const downloadLinkSchema = z.object({
  hostId: z.uuid(),
  url: z.string().describe('Single-host download link; the token in it is the authorisation'),
  expiresAt: z.iso.datetime(),
  bytes: z.number().int().describe('Content-Length of the ISO'),
});

export const hostsByIsoSchema = z.object({
  templateId: z.uuid(),
  hosts: z
    .array(
      z.object({
        name: z.string().min(1).max(253).describe('Inventory name; usually the hostname'),
        sshPort: z.number().int().min(1).max(65_535).default(22).describe('Port sshd listens on in the installed image'),
        record: hostRecord,
      }),
    )
    .min(1)
    .max(500),
});

export const callHomeSchema = z.object({
  token: z.string().max(512).optional().describe('Also sent as the bearer token; ignored here'),
  hostname: z.string().max(253),
  hostKeys: z.array(z.object({ publicKey: z.string().max(16_384), fingerprint: z.string().max(128) })).max(16),
  addresses: z.array(z.string().max(64)).max(64),
});

export const callHomeResultSchema = z.object({ hostId: z.uuid(), pinnedFingerprint: z.string(), address: z.string() });

export type BaseIsoView = z.infer<typeof baseIsoSchema>;
export type TemplateView = z.infer<typeof templateSchema>;
export type TemplateCreate = z.infer<typeof templateCreateSchema>;
export type DownloadLinkView = z.infer<typeof downloadLinkSchema>;
export type HostsByIso = z.infer<typeof hostsByIsoSchema>;
export type CallHomeReport = z.infer<typeof callHomeSchema>;

export class BaseIsoRegisterDto extends createZodDto(baseIsoRegisterSchema) {}
export class BaseIsoResponseDto extends createZodDto(baseIsoSchema) {}
export class TemplateCreateDto extends createZodDto(templateCreateSchema) {}
export class TemplateResponseDto extends createZodDto(templateSchema) {}
export class HostInstallIsoDto extends createZodDto(hostInstallIsoSchema) {}
export class DownloadLinkResponseDto extends createZodDto(downloadLinkSchema) {}
export class HostsByIsoDto extends createZodDto(hostsByIsoSchema) {}
export class CallHomeDto extends createZodDto(callHomeSchema) {}
export class CallHomeResultDto extends createZodDto(callHomeResultSchema) {}
