import type { Prisma } from '../../generated/prisma/client';

/**
 * Which hosts a window covers: every host, or the hosts carrying every label in `labels` and, when
 * `groups` is not empty, belonging to one of those groups (labels AND group, like Kubernetes selectors).
 */
export interface WindowSelector {
  allHosts: boolean;
  labels: Record<string, string>;
  groups: string[];
}

export interface SelectableHost {
  labels: unknown;
  group: string | null;
}

export interface SelectorProblem {
  code: 'WINDOW_EMPTY_SELECTOR' | 'WINDOW_SELECTOR_CONFLICT';
  field: string;
  message: string;
}

/** Why a selector cannot be saved, or null. An empty selector would silently cover no host. */
export function selectorProblem(selector: WindowSelector): SelectorProblem | null {
  const narrowed = Object.keys(selector.labels).length > 0 || selector.groups.length > 0;
  if (selector.allHosts && narrowed) {
    return { code: 'WINDOW_SELECTOR_CONFLICT', field: 'selector', message: 'a window for all hosts cannot also name labels or groups' };
  }
  if (!selector.allHosts && !narrowed) {
    return { code: 'WINDOW_EMPTY_SELECTOR', field: 'selector', message: 'choose the hosts: all hosts, or at least one label or group' };
  }
  return null;
}

export function selectorMatches(selector: WindowSelector, host: SelectableHost): boolean {
  if (selector.allHosts) return true;
  const labels = (host.labels ?? {}) as Record<string, unknown>;
  const labelsMatch = Object.entries(selector.labels).every(([key, value]) => labels[key] === value);
  const groupMatches = selector.groups.length === 0 || (host.group !== null && selector.groups.includes(host.group));
  return labelsMatch && groupMatches;
}

/** The same rule as selectorMatches, as a database filter over hosts. */
export function selectorWhere(selector: WindowSelector): Prisma.HostWhereInput {
  if (selector.allHosts) return {};
  const and: Prisma.HostWhereInput[] = Object.entries(selector.labels).map(([key, value]) => ({ labels: { path: [key], equals: value } }));
  if (selector.groups.length > 0) and.push({ group: { in: selector.groups } });
  return { AND: and };
}

/** "all hosts", or e.g. "role=db, site=fra in group prod or staging". */
export function describeSelector(selector: WindowSelector): string {
  if (selector.allHosts) return 'all hosts';
  const labels = Object.entries(selector.labels).map(([k, v]) => `${k}=${v}`).join(', ');
  const groups = selector.groups.length > 0 ? `group ${selector.groups.join(' or ')}` : '';
  return labels && groups ? `${labels} in ${groups}` : labels || groups;
}
