import { enumValues, type paths } from '../../api';

export type HostListQuery = NonNullable<paths['/api/hosts']['get']['parameters']['query']>;
export type HostSort = NonNullable<HostListQuery['sort']>;
export type HostStatus = NonNullable<HostListQuery['status']>;
export type AttentionFlag = NonNullable<HostListQuery['attention']>;

export const HOST_SORTS = enumValues<HostSort>()(['name', 'address', 'status', 'bootedVersion', 'lastSeenAt', 'updateAvailable', 'createdAt']);
export const HOST_STATUSES = enumValues<HostStatus>()(['online', 'unreachable', 'pending']);
export const ATTENTION_FLAGS = enumValues<AttentionFlag>()([
  'host-key-changed',
  'unreachable',
  'timer-not-masked',
  'unexpected-image',
  'running-rollback',
  'staged-awaiting-reboot',
  'quarantined-revision',
]);
export const PAGE_SIZES = [50, 100, 250, 500] as const;
const DEFAULT_PAGE_SIZE = 100;

/** What the fleet page shows, as kept in the URL so that a view can be bookmarked and shared. */
export interface FleetView {
  q: string;
  status: HostStatus | null;
  labels: string[];
  group: string;
  imageId: string;
  attention: AttentionFlag | null;
  updateAvailable: boolean | null;
  sort: HostSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads the view from the URL; anything unknown or malformed falls back to the default. */
export function viewFromParams(params: URLSearchParams): FleetView {
  const update = params.get('update');
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    status: oneOf(params.get('status'), HOST_STATUSES),
    labels: params.getAll('label').filter((l) => l.includes('=')),
    group: params.get('group') ?? '',
    imageId: params.get('image') ?? '',
    attention: oneOf(params.get('attention'), ATTENTION_FLAGS),
    updateAvailable: update === 'yes' ? true : update === 'no' ? false : null,
    sort: oneOf(params.get('sort'), HOST_SORTS) ?? 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The URL of a view: only what differs from the default, so plain /fleet stays plain. */
export function paramsFromView(view: FleetView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.status) p.set('status', view.status);
  for (const label of view.labels) p.append('label', label);
  if (view.group) p.set('group', view.group);
  if (view.imageId) p.set('image', view.imageId);
  if (view.attention) p.set('attention', view.attention);
  if (view.updateAvailable !== null) p.set('update', view.updateAvailable ? 'yes' : 'no');
  if (view.sort !== 'name') p.set('sort', view.sort);
  if (view.order !== 'asc') p.set('order', view.order);
  if (view.page !== 1) p.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(view.pageSize));
  return p;
}

/** The API query of a view. */
export function listQuery(view: FleetView): HostListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: view.sort,
    order: view.order,
    ...(view.q.trim() ? { q: view.q.trim() } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.labels.length ? { label: view.labels } : {}),
    ...(view.group ? { group: view.group } : {}),
    ...(view.imageId ? { imageId: view.imageId } : {}),
    ...(view.attention ? { attention: view.attention } : {}),
    ...(view.updateAvailable !== null ? { updateAvailable: view.updateAvailable ? ('true' as const) : ('false' as const) } : {}),
  };
}

/** A changed filter starts again at page 1; paging alone keeps the filters. */
export function withFilter(view: FleetView, change: Partial<Omit<FleetView, 'page' | 'sort' | 'order' | 'pageSize'>>): FleetView {
  return { ...view, ...change, page: 1 };
}

/** Clicking a column header: sort by it ascending, or flip the order when it already sorts. */
export function withSort(view: FleetView, sort: HostSort): FleetView {
  return { ...view, sort, order: view.sort === sort && view.order === 'asc' ? 'desc' : 'asc', page: 1 };
}

export function hasFilters(view: FleetView): boolean {
  return Boolean(view.q || view.status || view.labels.length || view.group || view.imageId || view.attention || view.updateAvailable !== null);
}
