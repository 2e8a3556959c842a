import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import {
  HostWindowsResponseDto, WindowCreateDto, WindowHostPageDto, WindowHostsQueryDto, WindowPreviewDto,
  WindowPreviewResponseDto, WindowResponseDto, WindowUpdateDto,
} from './windows.dto';
import { WindowsService } from './windows.service';

@ApiTags('windows')
@Controller()
export class WindowsController {
  constructor(private readonly windows: WindowsService) {}

  @Get('windows')
  @ZodResponse({ status: 200, type: [WindowResponseDto], description: 'Every maintenance window with its description, next openings and host count' })
  @RequireRole('viewer')
  list(): Promise<WindowResponseDto[]> {
    return this.windows.list();
  }

  @Post('windows')
  @ZodResponse({ status: 201, type: WindowResponseDto, description: 'Creates a window; invalid cron, zone, duration or range, too short or an empty selector: 400, nothing created' })
  @RequireRole('operator')
  @Audit('window.create', { target: (req) => (req.body as { name?: string } | undefined)?.name })
  create(@Body() body: WindowCreateDto): Promise<WindowResponseDto> {
    return this.windows.create(body);
  }

  /** Checks an unsaved window as the form is filled in; nothing is stored. */
  @Post('windows/preview')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: WindowPreviewResponseDto, description: 'Description, next openings and matching host count of an unsaved window' })
  @RequireRole('viewer')
  @Audit('window.preview')
  preview(@Body() body: WindowPreviewDto): Promise<WindowPreviewResponseDto> {
    return this.windows.preview(body);
  }

  @Get('windows/:id')
  @ZodResponse({ status: 200, type: WindowResponseDto, description: 'One window with its description and next openings' })
  @RequireRole('viewer')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<WindowResponseDto> {
    return this.windows.get(id);
  }

  @Patch('windows/:id')
  @ZodResponse({ status: 200, type: WindowResponseDto, description: 'The window after the change' })
  @RequireRole('operator')
  @Audit('window.update')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: WindowUpdateDto): Promise<WindowResponseDto> {
    return this.windows.update(id, body);
  }

  @Delete('windows/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; its hosts are no longer restricted by it' })
  @RequireRole('operator')
  @Audit('window.delete')
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.windows.delete(id);
  }

  @Get('windows/:id/hosts')
  @ZodResponse({ status: 200, type: WindowHostPageDto, description: 'Hosts the window covers now, one page, by name' })
  @RequireRole('viewer')
  async hosts(@Param('id', ParseUUIDPipe) id: string, @Query() query: WindowHostsQueryDto): Promise<WindowHostPageDto> {
    const { items, total } = await this.windows.hostsOf(id, query.page, query.pageSize);
    return { items: items.map((h) => ({ ...h, labels: h.labels as Record<string, string> })), total, page: query.page, pageSize: query.pageSize };
  }

  @Get('hosts/:id/windows')
  @ZodResponse({ status: 200, type: HostWindowsResponseDto, description: "The host's enabled windows, merged openings and whether a reboot could start now" })
  @RequireRole('viewer')
  hostWindows(@Param('id', ParseUUIDPipe) id: string): Promise<HostWindowsResponseDto> {
    return this.windows.hostWindows(id);
  }
}
