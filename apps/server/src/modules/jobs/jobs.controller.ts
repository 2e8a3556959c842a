import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ZodSerializerDto } from 'nestjs-zod';
import { RequireRole } from '../../common/auth/auth.decorators';
import { JobRecordsService } from './job-records.service';
import { jobView, logView } from './job-view';
import { JobDto, JobListQueryDto, JobLogDto, JobLogQueryDto, JobPageDto } from './jobs.dto';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobRecordsService) {}

  @Get()
  @RequireRole('viewer')
  @ZodSerializerDto(JobPageDto)
  @ApiOkResponse({ type: JobPageDto })
  async list(@Query() query: JobListQueryDto): Promise<JobPageDto> {
    const { items, total } = await this.jobs.list(query);
    return { items: items.map(jobView), total, page: query.page, pageSize: query.pageSize } as JobPageDto;
  }

  @Get(':id')
  @RequireRole('viewer')
  @ZodSerializerDto(JobDto)
  @ApiOkResponse({ type: JobDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<JobDto> {
    return jobView(await this.jobs.get(id)) as JobDto;
  }

  /** Output lines after `after` (a sequence number): poll, or follow `job.log` events. */
  @Get(':id/log')
  @RequireRole('viewer')
  @ZodSerializerDto(JobLogDto)
  @ApiOkResponse({ type: JobLogDto })
  async log(@Param('id', ParseUUIDPipe) id: string, @Query() query: JobLogQueryDto): Promise<JobLogDto> {
    await this.jobs.get(id);
    return logView(await this.jobs.logAfter(id, query.after, query.limit)) as JobLogDto;
  }
}
