// The fleet list as SQL. The list is the hottest read (every operator's dashboard pages and filters it), so it
// is one raw statement per page plus one count, reading only the columns a summary shows, with filters
// written so PostgreSQL can use the hosts indexes (labels via jsonb `@>` on the GIN index, attention via `@>`).
import { Prisma } from '../../generated/prisma/client';
import type { Host } from '../../generated/prisma/client';
import type { HostListQuery } from './hosts.dto';

/** The fields a host summary shows. */
export const SUMMARY_FIELDS = [
  'id',
  'name',
  'address',
  'port',
  'sshUser',
  'status',
  'labels',
  'group',
  'architecture',
  'imageId',
  'bootedImage',
  'bootedDigest',
  'bootedVersion',
  'bootedTimestamp',
  'stagedImage',
  'stagedDigest',
  'stagedVersion',
  'stagedDownloadOnly',
  'rollbackImage',
  'rollbackDigest',
  'rollbackVersion',
  'rollbackQueued',
  'updateAvailable',
  'timerState',
  'attention',
  'lastSeenAt',
  'hostKeyFingerprint',
  'presentedFingerprint',
  'lastError',
  'consecutiveFailures',
  'lastRefreshAt',
] as const satisfies readonly (keyof Host)[];

export type HostSummaryRow = Pick<Host, (typeof SUMMARY_FIELDS)[number]>;

/** `%`, `_` and `\` match themselves in a search term. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const digestPrefix = (text: string) => `${likeLiteral(text.startsWith('sha256:') ? text : `sha256:${text}`)}%`;

/** The WHERE clause of a list filter (every condition ANDed); `TRUE` for none. */
export function hostFilterSql(q: Partial<HostListQuery>): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (q.q?.trim()) {
    const contains = `%${likeLiteral(q.q.trim())}%`;
    and.push(Prisma.sql`(name ILIKE ${contains} OR address ILIKE ${contains} OR booted_version ILIKE ${contains} OR booted_digest LIKE ${digestPrefix(q.q.trim())})`);
  }
  if (q.status) and.push(Prisma.sql`status = ${q.status}::"HostStatus"`);
  if (q.group) and.push(Prisma.sql`"group" = ${q.group}`);
  if (q.imageId) and.push(Prisma.sql`image_id = ${q.imageId}::uuid`);
  if (q.version) and.push(Prisma.sql`booted_version = ${q.version}`);
  if (q.digest) and.push(Prisma.sql`booted_digest LIKE ${digestPrefix(q.digest)}`);
  if (q.attention) and.push(Prisma.sql`attention @> ARRAY[${q.attention}]::text[]`);
  if (q.updateAvailable !== undefined) and.push(Prisma.sql`update_available = ${q.updateAvailable}`);
  // One containment per label (not one merged object): `env=a` and `env=b` together must match nothing.
  for (const [key, value] of q.label ?? []) and.push(Prisma.sql`labels @> ${JSON.stringify({ [key]: value })}::jsonb`);
  return and.length ? Prisma.join(and, ' AND ') : Prisma.sql`TRUE`;
}

/**
 * One page of summaries, selecting `columns` (PrismaService.columns of SUMMARY_FIELDS) and ordered by `sortColumn`
 * (PrismaService.column of `q.sort`). Ties break on the unique name; never-refreshed hosts (no version, never seen)
 * sort last.
 */
export function hostPageSql(q: HostListQuery, columns: Prisma.Sql, sortColumn: Prisma.Sql): Prisma.Sql {
  const nullsLast = q.sort === 'bootedVersion' || q.sort === 'lastSeenAt' ? ' NULLS LAST' : '';
  const orderBy = Prisma.sql`ORDER BY ${sortColumn} ${Prisma.raw(`${q.order === 'desc' ? 'DESC' : 'ASC'}${nullsLast}`)}, name ASC`;
  const where = hostFilterSql(q);
  const offset = (q.page - 1) * q.pageSize;
  if (offset >= DEEP_OFFSET && where.text === 'TRUE') {
    // Skipping thousands of hosts by reading their whole rows cost 3 ms at page 80; the sort's (column, name) index
    // alone names the page's hosts, and only those are read.
    return Prisma.sql`SELECT ${columns} FROM hosts WHERE name IN (SELECT name FROM hosts ${orderBy} LIMIT ${q.pageSize} OFFSET ${offset}) ${orderBy}`;
  }
  return Prisma.sql`SELECT ${columns} FROM hosts WHERE ${where} ${orderBy} LIMIT ${q.pageSize} OFFSET ${offset}`;
}

/**
 * From this offset on, an unfiltered page is found by name first (index only) and then read. Below it reading
 * straight is as fast; with filters PostgreSQL would sort every matching host to find the names.
 */
const DEEP_OFFSET = 2000;

/** A filter identified by what it selects (its SQL and parameters): the key of a total kept per filter. */
export function hostFilterKey(q: Partial<HostListQuery>): string {
  const where = hostFilterSql(q);
  return `${where.text}\n${JSON.stringify(where.values)}`;
}

export function hostCountSql(q: Partial<HostListQuery>): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS total FROM hosts WHERE ${hostFilterSql(q)}`;
}
