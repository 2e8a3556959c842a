import type { MaintenanceWindow } from '../../generated/prisma/client';
import { describeWindow, type Opening, type RebootDecision, type WindowSpec } from './schedule';
import { describeSelector, type WindowSelector } from './window-selector';
import type { RebootDecisionView, WindowPreview, WindowView } from './windows.dto';

export type WindowRow = MaintenanceWindow;

/** A stored window's spec; rows were validated when written, so this only reshapes them. */
export function specOfRow(row: WindowRow): WindowSpec {
  if (row.kind === 'one_off') return { kind: 'one-off', startsAt: row.startsAt!, endsAt: row.endsAt! };
  return { kind: 'recurring', cron: row.cron!, durationMinutes: row.durationMinutes!, timeZone: row.timeZone! };
}

export function selectorOfRow(row: WindowRow): WindowSelector {
  return { allHosts: row.allHosts, labels: row.labelSelector as Record<string, string>, groups: row.groups };
}

export function openingView(o: Opening): { start: string; end: string } {
  return { start: o.start.toISOString(), end: o.end.toISOString() };
}

export function previewView(spec: WindowSpec, selector: WindowSelector, displayTimeZone: string, nextOpenings: Opening[], hostCount: number): WindowPreview {
  return {
    description: describeWindow(spec, 'en', displayTimeZone),
    selectorDescription: describeSelector(selector),
    nextOpenings: nextOpenings.map(openingView),
    hostCount,
  };
}

export function windowView(row: WindowRow, nextOpenings: Opening[], hostCount: number): WindowView {
  const spec = specOfRow(row);
  return {
    ...previewView(spec, selectorOfRow(row), row.timeZone ?? 'UTC', nextOpenings, hostCount),
    id: row.id,
    name: row.name,
    kind: spec.kind,
    cron: row.cron,
    durationMinutes: row.durationMinutes,
    timeZone: row.timeZone,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    enabled: row.enabled,
    note: row.description,
    selector: selectorOfRow(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function rebootDecisionView(d: RebootDecision): RebootDecisionView {
  return d.allowed
    ? { allowed: true, basis: d.basis, reason: null, closesAt: d.closesAt?.toISOString() ?? null, nextStart: null }
    : { allowed: false, basis: null, reason: d.reason, closesAt: null, nextStart: d.nextStart?.toISOString() ?? null };
}
