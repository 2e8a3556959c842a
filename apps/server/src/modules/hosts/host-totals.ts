import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from '../../infra/events/event-bus.service';
import { hostFilterKey } from './host-list-sql';
import type { HostListQuery } from './hosts.dto';
import { HostsRepository } from './hosts.repository';
import { TotalsCache } from './totals-cache';

/**
 * The fleet list's totals. Counting is the costly half of a page (every matching host is read), and totals change
 * only when a column a filter reads does: each filter is counted once until a database trigger says such a column
 * changed, by its counter (read with every total, so a write is never followed by an older total) and by a
 * notification after commit (EventBus.tableChanges). While notifications cannot be heard, every total is counted.
 */
@Injectable()
export class HostTotals implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new TotalsCache();
  private subscription: Subscription | undefined;

  constructor(
    private readonly hosts: HostsRepository,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.tableChanges('hosts').subscribe(() => this.cache.invalidate());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** `filterChanges`: the counter as read with the page (HostsRepository.page), if it was; else it is read here. */
  async total(q: Partial<HostListQuery>, filterChanges?: number): Promise<number> {
    const count = () => this.hosts.count(q);
    if (!this.events.listening) return count();
    return this.cache.total(hostFilterKey(q), filterChanges ?? (await this.hosts.filterChanges()), count);
  }
}
