import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { Audit } from './audit.decorator';
import { AuditEventDto, AuditExportQueryDto, AuditPageDto, AuditQueryDto } from './audit.dto';
import type { AuditFilter, AuditEventRecord } from './audit.repository';
import { AuditService } from './audit.service';
import { csvRow } from './csv';

const COLUMNS = ['at', 'actorKind', 'actor', 'actorId', 'action', 'target', 'result', 'errorCode', 'source', 'details'] as const;

function toDto(e: AuditEventRecord): AuditEventDto {
  return { ...e, at: e.at.toISOString(), details: (e.details ?? {}) as Record<string, unknown> };
}

function filterOf(q: AuditExportQueryDto | AuditQueryDto): AuditFilter {
  return { actor: q.actor, action: q.action, target: q.target, result: q.result, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}

@ApiTags('audit')
@RequireRole('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first' })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { items, total } = await this.audit.page(filterOf(query), query.offset, query.limit);
    return { items: items.map(toDto), total };
  }

  @Get('export')
  @Audit('audit.export')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'Every matching event, newest first, as CSV or a JSON array' })
  async export(@Query() query: AuditExportQueryDto, @Res() res: Response): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.setHeader('content-disposition', `attachment; filename="bootfleet-audit-${stamp}.${query.format}"`);
    res.type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json');
    let first = true;
    if (query.format === 'csv') res.write(csvRow(COLUMNS));
    else res.write('[');
    for await (const event of this.audit.stream(filterOf(query))) {
      const dto = toDto(event);
      if (query.format === 'csv') res.write(csvRow(COLUMNS.map((c) => dto[c])));
      else res.write(`${first ? '' : ','}\n${JSON.stringify(dto)}`);
      first = false;
    }
    res.end(query.format === 'csv' ? '' : '\n]\n');
  }
}
