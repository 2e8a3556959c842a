import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { isUniqueViolation } from '../../infra/prisma/prisma-errors';
import { PrismaService } from '../../infra/prisma/prisma.service';
import type { WindowSpec } from './schedule';
import { type WindowSelector, selectorWhere } from './window-selector';
import type { WindowRow } from './window-view';

export interface WindowWrite {
  name: string;
  spec: WindowSpec;
  selector: WindowSelector;
  enabled: boolean;
  note: string | null;
  /** One-off windows keep the zone they were entered in, for display. */
  displayTimeZone: string | null;
}

function columns(w: WindowWrite): Prisma.MaintenanceWindowCreateInput {
  const recurring = w.spec.kind === 'recurring' ? w.spec : null;
  const oneOff = w.spec.kind === 'one-off' ? w.spec : null;
  return {
    name: w.name,
    kind: recurring ? 'recurring' : 'one_off',
    cron: recurring?.cron ?? null,
    durationMinutes: recurring?.durationMinutes ?? null,
    timeZone: recurring?.timeZone ?? w.displayTimeZone,
    startsAt: oneOff?.startsAt ?? null,
    endsAt: oneOff?.endsAt ?? null,
    enabled: w.enabled,
    description: w.note,
    allHosts: w.selector.allHosts,
    labelSelector: w.selector.labels,
    groups: w.selector.groups,
  };
}

export interface MatchedHost {
  id: string;
  name: string;
  group: string | null;
  labels: unknown;
  status: string;
}

@Injectable()
export class WindowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<WindowRow[]> {
    return this.prisma.maintenanceWindow.findMany({ orderBy: { name: 'asc' } });
  }

  listEnabled(): Promise<WindowRow[]> {
    return this.prisma.maintenanceWindow.findMany({ where: { enabled: true } });
  }

  find(id: string): Promise<WindowRow | null> {
    return this.prisma.maintenanceWindow.findUnique({ where: { id } });
  }

  /** Null when the name is taken. */
  async create(w: WindowWrite): Promise<WindowRow | null> {
    try {
      return await this.prisma.maintenanceWindow.create({ data: columns(w) });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** 'name-taken' when another window has the name, null when the window does not exist. */
  async update(id: string, w: WindowWrite): Promise<WindowRow | 'name-taken' | null> {
    try {
      const { count } = await this.prisma.maintenanceWindow.updateMany({ where: { id }, data: columns(w) });
      return count === 1 ? this.find(id) : null;
    } catch (error) {
      if (isUniqueViolation(error)) return 'name-taken';
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.maintenanceWindow.deleteMany({ where: { id } });
    return count === 1;
  }

  // Reads the hosts table (the hosts module's) only to count and list the hosts a selector matches.
  countHosts(selector: WindowSelector): Promise<number> {
    return this.prisma.host.count({ where: selectorWhere(selector) });
  }

  async hosts(selector: WindowSelector, page: number, pageSize: number): Promise<{ items: MatchedHost[]; total: number }> {
    const where = selectorWhere(selector);
    const [items, total] = await this.prisma.$transaction([
      this.prisma.host.findMany({
        where,
        orderBy: { name: 'asc' },
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: { id: true, name: true, group: true, labels: true, status: true },
      }),
      this.prisma.host.count({ where }),
    ]);
    return { items, total };
  }
}
