import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ZodSerializerDto } from 'nestjs-zod';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { HostPages } from './host-pages';
import { hostDetail, hostEventView } from './host-view';
import {
  HostApproveKeyDto,
  HostDetailDto,
  HostEnrollDto,
  HostEventListDto,
  HostImportDto,
  HostImportPreviewDto,
  HostImportPreviewResponseDto,
  HostImportResultDto,
  HostKeyResponseDto,
  HostListQueryDto,
  HostPageDto,
  HostProbeDto,
  HostRefreshResultDto,
  HostUpdateDto,
  RevisionUsageDto,
} from './hosts.dto';
import { HostsService } from './hosts.service';
import { HostImportService } from './import/host-import.service';

@ApiTags('hosts')
@Controller()
export class HostsController {
  constructor(
    private readonly hosts: HostsService,
    private readonly imports: HostImportService,
    private readonly pages: HostPages,
  ) {}

  // The answer is written as JSON by HostPages (summaries kept per row version, as bytes) and sent as it is: not
  // re-validated by zod on the way out (hostSummary() is typed against the schema, and the integration tests parse
  // pages with it), nor turned into a string and encoded again by Nest.
  @Get('hosts')
  @RequireRole('viewer')
  @ApiOkResponse({ type: HostPageDto, description: 'Hosts matching the filters, one page, sorted server-side' })
  async list(@Query() query: HostListQueryDto, @Res() res: Response): Promise<void> {
    res.type('application/json; charset=utf-8').send(await this.pages.json(query));
  }

  /** First contact: the host key an address presents, to approve before enrolling. Nothing is stored. */
  @Post('hosts/probe')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('host.probe')
  @ZodSerializerDto(HostKeyResponseDto)
  @ApiOkResponse({ type: HostKeyResponseDto })
  probe(@Body() body: HostProbeDto): Promise<HostKeyResponseDto> {
    return this.hosts.probe(body.address, body.port);
  }

  /** Parses an inventory and reads the host key of every host it gives none for. Nothing is stored. */
  @Post('hosts/import/preview')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('hosts.import-preview')
  @ZodSerializerDto(HostImportPreviewResponseDto)
  @ApiOkResponse({ type: HostImportPreviewResponseDto })
  importPreview(@Body() body: HostImportPreviewDto): Promise<HostImportPreviewResponseDto> {
    return this.imports.preview(body);
  }

  /** Enrolls every host of an inventory as one job (`/api/jobs/{jobId}` for progress and results). */
  @Post('hosts/import')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('hosts.import')
  @ZodSerializerDto(HostImportResultDto)
  @ApiOkResponse({ type: HostImportResultDto })
  import(@Body() body: HostImportDto, @CurrentPrincipal() principal: Principal): Promise<HostImportResultDto> {
    return this.imports.start(body, principal.name);
  }

  @Post('hosts')
  @RequireRole('operator')
  @Audit('host.enroll', { target: (req) => (req.body as { name?: string })?.name })
  @ZodSerializerDto(HostDetailDto)
  @ApiCreatedResponse({ type: HostDetailDto })
  async enroll(@Body() body: HostEnrollDto): Promise<HostDetailDto> {
    return hostDetail(await this.hosts.enroll(body)) as HostDetailDto;
  }

  /** Queues a status refresh of every enrolled host. */
  @Post('hosts/refresh')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('hosts.refresh')
  @ZodSerializerDto(HostRefreshResultDto)
  @ApiOkResponse({ type: HostRefreshResultDto })
  async refreshAll(): Promise<HostRefreshResultDto> {
    return { queued: await this.hosts.refreshMatching(null) };
  }

  @Get('hosts/:id')
  @RequireRole('viewer')
  @ZodSerializerDto(HostDetailDto)
  @ApiOkResponse({ type: HostDetailDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<HostDetailDto> {
    return hostDetail(await this.hosts.get(id)) as HostDetailDto;
  }

  @Patch('hosts/:id')
  @RequireRole('operator')
  @Audit('host.update')
  @ZodSerializerDto(HostDetailDto)
  @ApiOkResponse({ type: HostDetailDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: HostUpdateDto): Promise<HostDetailDto> {
    return hostDetail(await this.hosts.update(id, body)) as HostDetailDto;
  }

  @Delete('hosts/:id')
  @HttpCode(204)
  @RequireRole('operator')
  @Audit('host.delete')
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.hosts.remove(id);
  }

  @Post('hosts/:id/refresh')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.refresh')
  @ZodSerializerDto(HostRefreshResultDto)
  @ApiOkResponse({ type: HostRefreshResultDto })
  async refresh(@Param('id', ParseUUIDPipe) id: string): Promise<HostRefreshResultDto> {
    await this.hosts.get(id);
    return { queued: await this.hosts.refresh([id]) };
  }

  @Post('hosts/:id/approve-host-key')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('host.approve-host-key')
  @ZodSerializerDto(HostDetailDto)
  @ApiOkResponse({ type: HostDetailDto })
  async approveHostKey(@Param('id', ParseUUIDPipe) id: string, @Body() body: HostApproveKeyDto): Promise<HostDetailDto> {
    return hostDetail(await this.hosts.approveHostKey(id, body.fingerprint)) as HostDetailDto;
  }

  @Get('hosts/:id/history')
  @RequireRole('viewer')
  @ZodSerializerDto(HostEventListDto)
  @ApiOkResponse({ type: HostEventListDto, description: 'What changed on the host, newest first' })
  async history(@Param('id', ParseUUIDPipe) id: string): Promise<HostEventListDto> {
    return { items: (await this.hosts.history(id, 500)).map(hostEventView) } as HostEventListDto;
  }

  /** Which revision of an image the hosts tracking it have booted. */
  @Get('images/:id/revision-usage')
  @RequireRole('viewer')
  @ZodSerializerDto(RevisionUsageDto)
  @ApiOkResponse({ type: RevisionUsageDto })
  async revisionUsage(@Param('id', ParseUUIDPipe) id: string): Promise<RevisionUsageDto> {
    return { items: await this.hosts.revisionUsage(id) };
  }
}
