import { Injectable } from '@nestjs/common';
import { type BaseIso, type HostInstall, type IsoTemplate, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export type BaseIsoRow = BaseIso;
export type IsoTemplateRow = IsoTemplate & { base: Pick<BaseIso, 'id' | 'name'> };
export type HostInstallRow = HostInstall;

const withBase = { base: { select: { id: true, name: true } } } as const;

/** Base ISOs, templates and host installs: the only place that touches their tables. */
@Injectable()
export class IsosRepository {
  constructor(private readonly prisma: PrismaService) {}

  createBase(data: Prisma.BaseIsoUncheckedCreateInput): Promise<BaseIsoRow> {
    return this.prisma.baseIso.create({ data });
  }

  updateBase(id: string, data: Prisma.BaseIsoUncheckedUpdateInput): Promise<BaseIsoRow> {
    return this.prisma.baseIso.update({ where: { id }, data });
  }

  findBase(id: string): Promise<BaseIsoRow | null> {
    return this.prisma.baseIso.findUnique({ where: { id } });
  }

  listBases(): Promise<BaseIsoRow[]> {
    return this.prisma.baseIso.findMany({ orderBy: { createdAt: 'desc' } });
  }

  uploading(): Promise<BaseIsoRow[]> {
    return this.prisma.baseIso.findMany({ where: { state: 'uploading' } });
  }

  /** 'in-use' while a template was built from it (templates are deleted first). */
  async deleteBase(id: string): Promise<'deleted' | 'missing' | 'in-use'> {
    if ((await this.prisma.isoTemplate.count({ where: { baseIsoId: id } })) > 0) return 'in-use';
    const { count } = await this.prisma.baseIso.deleteMany({ where: { id } });
    return count === 1 ? 'deleted' : 'missing';
  }

  createTemplate(data: Prisma.IsoTemplateUncheckedCreateInput): Promise<IsoTemplateRow> {
    return this.prisma.isoTemplate.create({ data, include: withBase });
  }

  updateTemplate(id: string, data: Prisma.IsoTemplateUncheckedUpdateInput): Promise<IsoTemplateRow> {
    return this.prisma.isoTemplate.update({ where: { id }, data, include: withBase });
  }

  findTemplate(id: string): Promise<IsoTemplateRow | null> {
    return this.prisma.isoTemplate.findUnique({ where: { id }, include: withBase });
  }

  listTemplates(): Promise<IsoTemplateRow[]> {
    return this.prisma.isoTemplate.findMany({ orderBy: { createdAt: 'desc' }, include: withBase });
  }

  async deleteTemplate(id: string): Promise<boolean> {
    const { count } = await this.prisma.isoTemplate.deleteMany({ where: { id } });
    return count === 1;
  }

  /** One install per host: a new ISO for the same host replaces the previous one (and its token). */
  upsertInstall(data: Prisma.HostInstallUncheckedCreateInput & { id: string }): Promise<HostInstallRow> {
    const { hostId, ...rest } = data;
    return this.prisma.hostInstall.upsert({ where: { hostId }, create: data, update: { ...rest, consumedAt: null, callHome: Prisma.DbNull } });
  }

  findInstall(id: string): Promise<HostInstallRow | null> {
    return this.prisma.hostInstall.findUnique({ where: { id } });
  }

  /**
   * Marks the call-home token used, atomically: of two racing calls exactly one gets the install.
   * Returns undefined for an unknown, used or expired token.
   */
  async consumeCallHomeToken(tokenHash: string, now: Date): Promise<HostInstallRow | undefined> {
    const { count } = await this.prisma.hostInstall.updateMany({
      where: { callHomeTokenHash: tokenHash, consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    if (count !== 1) return undefined;
    return (await this.prisma.hostInstall.findUnique({ where: { callHomeTokenHash: tokenHash } })) ?? undefined;
  }

  recordCallHome(id: string, report: object): Promise<HostInstallRow> {
    return this.prisma.hostInstall.update({ where: { id }, data: { callHome: report } });
  }
}
