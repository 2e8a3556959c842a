import { Injectable } from '@nestjs/common';
import { HostTotals } from './host-totals';
import { hostSummary } from './host-view';
import type { HostListQuery } from './hosts.dto';
import { HostsRepository, type PageEntry } from './hosts.repository';
import { SummaryCache } from './summary-cache';

const ITEMS_START = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/**
 * The fleet list, the hottest read: every operator's dashboard pages, sorts and filters it. A page is read as its
 * hosts' ids and row versions; only hosts that changed since they were last shown are read in full and written as
 * JSON again (reading and writing a whole host cost about 9 µs of CPU on the server's one thread, the most of all
 * a page does).
 */
@Injectable()
export class HostPages {
  /** UTF-8 bytes, not strings: a page is answered by copying its hosts' bytes, with no join and no encoding. */
  private readonly summaries = new SummaryCache<Buffer>();

  constructor(
    private readonly hosts: HostsRepository,
    private readonly totals: HostTotals,
  ) {}

  /** One page and the filter's total as the API's JSON (HostPageDto), encoded. */
  async json(query: HostListQuery): Promise<Buffer> {
    const page = await this.hosts.page(query);
    const kept = page.map((h) => this.summaries.get(h.id, h.version));
    const changed = page.filter((_, i) => kept[i] === undefined).map((h) => h.id);
    const [rows, total] = await Promise.all([changed.length ? this.hosts.summaries(changed) : [], this.total(query, page)]);
    const reread = new Map<string, Buffer>();
    for (const row of rows) {
      const json = Buffer.from(JSON.stringify(hostSummary(row)));
      this.summaries.set(row.id, row.version, json);
      reread.set(row.id, json);
    }
    // A host that changed again after the page was read shows as it is now; one deleted since is left out.
    const parts: Buffer[] = [ITEMS_START];
    for (const [i, h] of page.entries()) {
      const json = kept[i] ?? reread.get(h.id);
      if (json === undefined) continue;
      if (parts.length > 1) parts.push(COMMA);
      parts.push(json);
    }
    parts.push(Buffer.from(`],"total":${total},"page":${query.page},"pageSize":${query.pageSize}}`));
    return Buffer.concat(parts);
  }

  private total(query: HostListQuery, page: readonly PageEntry[]): Promise<number> {
    // An empty first page: nothing matches (a search that found nothing), no need to count.
    if (page.length === 0 && query.page === 1) return Promise.resolve(0);
    // The page's statement read the counter the total is kept against: a kept total costs no statement.
    return this.totals.total(query, page[0]?.filterChanges);
  }
}
