import { Injectable } from '@nestjs/common';
import type { Job, JobLogLine, JobState, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/prisma/prisma.service';

export type JobRow = Job;
export type JobLogRow = JobLogLine;

@Injectable()
export class JobRecordsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.JobUncheckedCreateInput): Promise<JobRow> {
    return this.prisma.job.create({ data });
  }

  update(id: string, data: Prisma.JobUncheckedUpdateInput): Promise<JobRow> {
    return this.prisma.job.update({ where: { id }, data });
  }

  find(id: string): Promise<JobRow | null> {
    return this.prisma.job.findUnique({ where: { id } });
  }

  async list(filter: { hostId?: string; type?: string; state?: JobState; page: number; pageSize: number }): Promise<{ items: JobRow[]; total: number }> {
    const where: Prisma.JobWhereInput = {
      ...(filter.hostId ? { hostId: filter.hostId } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.job.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize }),
      this.prisma.job.count({ where }),
    ]);
    return { items, total };
  }

  async appendLog(lines: { jobId: string; seq: number; at: Date; stream: string; line: string }[]): Promise<void> {
    await this.prisma.jobLogLine.createMany({ data: lines, skipDuplicates: true });
  }

  async lastSeq(jobId: string): Promise<number> {
    const last = await this.prisma.jobLogLine.findFirst({ where: { jobId }, orderBy: { seq: 'desc' }, select: { seq: true } });
    return last?.seq ?? 0;
  }

  log(jobId: string, afterSeq: number, limit: number): Promise<JobLogRow[]> {
    return this.prisma.jobLogLine.findMany({ where: { jobId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: limit });
  }
}
