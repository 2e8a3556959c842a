import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { DomainError } from '../../common/domain-error';
import { EventBus } from '../../infra/events/event-bus.service';
import { HostsService } from '../hosts/hosts.service';
import { SettingsService } from '../settings/settings.service';
import {
  activeOpening, describeWindow, hostOpeningsFrom, MAX_OPENINGS_PER_QUERY, nextOpening, nextOpenings,
  type Opening, rebootAllowed, type RebootDecision, type WindowSpec,
} from './schedule';
import { validateWindowInput } from './window-input';
import { type SelectableHost, selectorMatches, type WindowSelector } from './window-selector';
import { openingView, previewView, rebootDecisionView, selectorOfRow, specOfRow, type WindowRow, windowView } from './window-view';
import type { HostWindowsView, WindowCreate, WindowPreview, WindowPreviewInput, WindowUpdate, WindowView } from './windows.dto';
import { type MatchedHost, WindowsRepository } from './windows.repository';

export const NEXT_OPENINGS_SHOWN = 5;
// Rollouts ask for every host at every step: the enabled windows are read at most this often, and
// at once after any window changes (`window.*` events reach every process).
const CACHE_MS = 30_000;

interface CachedWindow {
  row: WindowRow;
  spec: WindowSpec;
  selector: WindowSelector;
}

/** A host's merged openings in a period; `unrestricted` when no window covers it (it may reboot any time). */
export interface HostOpenings {
  unrestricted: boolean;
  openings: Opening[];
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'WINDOW_NOT_FOUND', `maintenance window ${id} does not exist`, { id });
}

function nameTaken(name: string): DomainError {
  return new DomainError('conflict', 'WINDOW_EXISTS', `a maintenance window named "${name}" already exists`, { field: 'name' });
}

const SPEC_FIELDS = ['kind', 'cron', 'durationMinutes', 'timeZone', 'startsAt', 'endsAt'] as const;

/**
 * Maintenance windows: when the hosts they cover may reboot. The rollouts engine asks rebootGate()
 * before every reboot; downloading and staging are not gated.
 */
@Injectable()
export class WindowsService implements OnModuleInit, OnModuleDestroy {
  private cache: { loadedAt: number; windows: Promise<CachedWindow[]> } | null = null;
  private subscription: Subscription | undefined;

  constructor(
    private readonly repository: WindowsRepository,
    private readonly hosts: HostsService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.stream(['window']).subscribe(() => {
      this.cache = null;
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async list(now = new Date()): Promise<WindowView[]> {
    const rows = await this.repository.list();
    return Promise.all(rows.map((row) => this.view(row, now)));
  }

  async get(id: string, now = new Date()): Promise<WindowView> {
    return this.view(await this.require(id), now);
  }

  async create(input: WindowCreate): Promise<WindowView> {
    const valid = validateWindowInput(input, await this.minimumMinutes());
    const row = await this.repository.create({
      name: input.name,
      ...valid,
      enabled: input.enabled ?? true,
      note: input.note ?? null,
    });
    if (!row) throw nameTaken(input.name);
    await this.changed('window.created', row.id);
    return this.view(row, new Date());
  }

  /**
   * Applies a partial change. The reboot minimum is enforced only when the schedule itself changes,
   * so a window that became too short after the setting was raised can still be renamed or disabled.
   */
  async update(id: string, patch: WindowUpdate): Promise<WindowView> {
    const row = await this.require(id);
    const merged: WindowCreate = { ...this.inputOf(row), ...definedOnly(patch) };
    const scheduleChanged = SPEC_FIELDS.some((field) => patch[field] !== undefined);
    const valid = validateWindowInput(merged, scheduleChanged ? await this.minimumMinutes() : 0);
    const updated = await this.repository.update(id, {
      name: merged.name,
      ...valid,
      enabled: merged.enabled ?? true,
      note: merged.note ?? null,
    });
    if (updated === 'name-taken') throw nameTaken(merged.name);
    if (!updated) throw notFound(id);
    await this.changed('window.updated', id);
    return this.view(updated, new Date());
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) throw notFound(id);
    await this.changed('window.deleted', id);
  }

  /** An unsaved window as the form has it: description, next openings and how many hosts it covers. */
  async preview(input: WindowPreviewInput, now = new Date()): Promise<WindowPreview> {
    const valid = validateWindowInput(input, await this.minimumMinutes());
    const hostCount = await this.repository.countHosts(valid.selector);
    return previewView(valid.spec, valid.selector, valid.displayTimeZone, nextOpenings(valid.spec, now, NEXT_OPENINGS_SHOWN), hostCount);
  }

  async hostsOf(id: string, page: number, pageSize: number): Promise<{ items: MatchedHost[]; total: number }> {
    return this.repository.hosts(selectorOfRow(await this.require(id)), page, pageSize);
  }

  /** The enabled windows covering a host (empty: the host is unrestricted). */
  async windowsForHost(host: SelectableHost): Promise<WindowSpec[]> {
    return (await this.coveringWindows(host)).map((w) => w.spec);
  }

  /** Whether a reboot may start on this host at `now`, with the configured minimum time left. */
  async rebootGate(host: SelectableHost, now: Date): Promise<RebootDecision> {
    const [specs, minimum] = await Promise.all([this.windowsForHost(host), this.minimumMinutes()]);
    return rebootAllowed(specs, now, minimum);
  }

  /** The host's next merged opening starting after `now`; null when none (or when it has no window). */
  async nextOpeningForHost(host: SelectableHost, now: Date): Promise<Opening | null> {
    return nextOpening(await this.windowsForHost(host), now);
  }

  /** Each host's merged openings overlapping [from, to), for the rollout dry-run preview. */
  async openingsForHosts(hosts: readonly (SelectableHost & { id: string })[], from: Date, to: Date): Promise<Map<string, HostOpenings>> {
    const windows = await this.enabledWindows();
    const result = new Map<string, HostOpenings>();
    for (const host of hosts) {
      const specs = windows.filter((w) => selectorMatches(w.selector, host)).map((w) => w.spec);
      result.set(host.id, { unrestricted: specs.length === 0, openings: specs.length === 0 ? [] : mergedBetween(specs, from, to) });
    }
    return result;
  }

  /** A host's windows for its details page: each covering window, the merged openings and the reboot gate now. */
  async hostWindows(hostId: string, now = new Date()): Promise<HostWindowsView> {
    const host = await this.hosts.get(hostId);
    const [covering, minimum] = await Promise.all([this.coveringWindows(host), this.minimumMinutes()]);
    const specs = covering.map((w) => w.spec);
    const open = activeOpening(specs, now);
    const next = nextOpening(specs, now);
    return {
      hostId,
      windows: covering.map((w) => ({
        id: w.row.id,
        name: w.row.name,
        kind: w.spec.kind,
        description: describeWindow(w.spec, 'en', w.row.timeZone ?? 'UTC'),
        nextOpenings: nextOpenings(w.spec, now, NEXT_OPENINGS_SHOWN).map(openingView),
      })),
      open: open ? openingView(open) : null,
      nextOpening: next ? openingView(next) : null,
      rebootNow: rebootDecisionView(rebootAllowed(specs, now, minimum)),
    };
  }

  private async coveringWindows(host: SelectableHost): Promise<CachedWindow[]> {
    return (await this.enabledWindows()).filter((w) => selectorMatches(w.selector, host));
  }

  private enabledWindows(): Promise<CachedWindow[]> {
    if (!this.cache || Date.now() - this.cache.loadedAt > CACHE_MS) {
      const windows = this.repository.listEnabled().then((rows) => rows.map((row) => ({ row, spec: specOfRow(row), selector: selectorOfRow(row) })));
      // A failed read must not stay cached.
      windows.catch(() => { this.cache = null; });
      this.cache = { loadedAt: Date.now(), windows };
    }
    return this.cache.windows;
  }

  private async changed(topic: string, id: string): Promise<void> {
    this.cache = null;
    await this.events.publish(topic, { id });
  }

  private async view(row: WindowRow, now: Date): Promise<WindowView> {
    const hostCount = await this.repository.countHosts(selectorOfRow(row));
    return windowView(row, nextOpenings(specOfRow(row), now, NEXT_OPENINGS_SHOWN), hostCount);
  }

  private inputOf(row: WindowRow): WindowCreate {
    return {
      name: row.name,
      kind: row.kind === 'one_off' ? 'one-off' : 'recurring',
      cron: row.cron ?? undefined,
      durationMinutes: row.durationMinutes ?? undefined,
      timeZone: row.timeZone ?? undefined,
      startsAt: row.startsAt?.toISOString(),
      endsAt: row.endsAt?.toISOString(),
      enabled: row.enabled,
      note: row.description,
      selector: selectorOfRow(row),
    };
  }

  private async minimumMinutes(): Promise<number> {
    return (await this.settings.get()).rebootMinRemainingMinutes;
  }

  private async require(id: string): Promise<WindowRow> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    return row;
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergedBetween(specs: readonly WindowSpec[], from: Date, to: Date): Opening[] {
  const openings: Opening[] = [];
  for (const opening of hostOpeningsFrom(specs, from)) {
    if (opening.start.getTime() >= to.getTime() || openings.length >= MAX_OPENINGS_PER_QUERY) break;
    openings.push(opening);
  }
  return openings;
}
