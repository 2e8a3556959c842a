import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Spec fields are loosely typed on purpose: parseWindowSpec checks them and answers with its own
// codes (WINDOW_INVALID_CRON...) rather than a generic validation failure.
const specFields = {
  kind: z.enum(['recurring', 'one-off']),
  cron: z.string().max(200).optional().describe('Recurring: 5 fields (minute hour day-of-month month day-of-week), wall-clock time in timeZone'),
  durationMinutes: z.number().optional().describe('Recurring: how long each opening lasts (1..10080 minutes)'),
  timeZone: z.string().max(100).optional().describe('Recurring: the IANA zone the cron runs in; one-off: the zone the description is shown in'),
  startsAt: z.string().max(64).optional().describe('One-off: ISO 8601 with an offset'),
  endsAt: z.string().max(64).optional().describe('One-off: ISO 8601 with an offset, after startsAt'),
};

export const windowSelectorSchema = z.object({
  allHosts: z.boolean().optional().describe('Every host; then labels and groups must be empty'),
  labels: z.record(z.string().min(1).max(100), z.string().max(200)).optional().describe('Hosts carrying every one of these labels'),
  groups: z.array(z.string().min(1).max(100)).max(100).optional().describe('Hosts in one of these groups (combined with labels: both must hold)'),
});

const windowFields = z.object({
  name: z.string().trim().min(1).max(100),
  ...specFields,
  enabled: z.boolean().optional().describe('Disabled windows are kept but open for no host (default true)'),
  note: z.string().max(1000).nullable().optional().describe("The operator's own note"),
  selector: windowSelectorSchema,
});

export const windowCreateSchema = windowFields;
export const windowUpdateSchema = windowFields.partial();
export const windowPreviewSchema = windowFields.omit({ name: true, enabled: true, note: true });

export const openingSchema = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });

const selectorView = z.object({ allHosts: z.boolean(), labels: z.record(z.string(), z.string()), groups: z.array(z.string()) });

export const windowPreviewResponseSchema = z.object({
  description: z.string().describe('Human description, e.g. "At 02:00, only on Sunday (Europe/Berlin), for 3 hours"'),
  selectorDescription: z.string(),
  nextOpenings: z.array(openingSchema).describe('The next openings (the open one first), at most 5'),
  hostCount: z.number().int().nonnegative().describe('Hosts the selector matches now'),
});

// Bounds on nullable strings keep nestjs-zod 5.5 from documenting them as arrays (nestjs-zod#473).
export const windowResponseSchema = windowPreviewResponseSchema.extend({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['recurring', 'one-off']),
  cron: z.string().max(200).nullable(),
  durationMinutes: z.number().int().nullable(),
  timeZone: z.string().max(100).nullable(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  enabled: z.boolean(),
  note: z.string().max(1000).nullable(),
  selector: selectorView,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const windowHostsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const windowHostPageSchema = z.object({
  items: z.array(z.object({
    id: z.uuid(),
    name: z.string(),
    group: z.string().max(100).nullable(),
    labels: z.record(z.string(), z.string()),
    status: z.string(),
  })),
  total: z.number().int().nonnegative(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const rebootDecisionSchema = z.object({
  allowed: z.boolean(),
  basis: z.enum(['inside-window', 'unrestricted']).nullable().describe('Why allowed; null when refused'),
  reason: z.enum(['outside-window', 'not-enough-time']).nullable().describe('Why refused; null when allowed'),
  closesAt: z.iso.datetime().nullable().describe('Allowed inside a window: when it closes'),
  nextStart: z.iso.datetime().nullable().describe('Refused: when a long enough opening starts next (within a year)'),
});

export const hostWindowsResponseSchema = z.object({
  hostId: z.uuid(),
  windows: z.array(z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['recurring', 'one-off']),
    description: z.string(),
    nextOpenings: z.array(openingSchema),
  })).describe('Enabled windows that cover this host'),
  open: openingSchema.nullable().describe('The merged opening open now, if any'),
  nextOpening: openingSchema.nullable().describe('The next merged opening that starts later'),
  rebootNow: rebootDecisionSchema.describe('Whether a reboot could start now, with the configured minimum time left'),
});

export type WindowCreate = z.infer<typeof windowCreateSchema>;
export type WindowUpdate = z.infer<typeof windowUpdateSchema>;
export type WindowPreviewInput = z.infer<typeof windowPreviewSchema>;
export type WindowView = z.infer<typeof windowResponseSchema>;
export type WindowPreview = z.infer<typeof windowPreviewResponseSchema>;
export type HostWindowsView = z.infer<typeof hostWindowsResponseSchema>;
export type RebootDecisionView = z.infer<typeof rebootDecisionSchema>;

export class WindowCreateDto extends createZodDto(windowCreateSchema) {}
export class WindowUpdateDto extends createZodDto(windowUpdateSchema) {}
export class WindowPreviewDto extends createZodDto(windowPreviewSchema) {}
export class WindowResponseDto extends createZodDto(windowResponseSchema) {}
export class WindowPreviewResponseDto extends createZodDto(windowPreviewResponseSchema) {}
export class WindowHostsQueryDto extends createZodDto(windowHostsQuerySchema) {}
export class WindowHostPageDto extends createZodDto(windowHostPageSchema) {}
export class HostWindowsResponseDto extends createZodDto(hostWindowsResponseSchema) {}
