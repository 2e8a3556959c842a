import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, RequireRole } from '../../common/auth';
import { plainText } from '../../common/auth/credential-rules';
import { Audit } from '../audit';
import { BaseIsosService } from './base-isos.service';
import { IsoTemplatesService } from './iso-templates.service';
import { BaseIsoRegisterDto, BaseIsoResponseDto, TemplateCreateDto, TemplateResponseDto } from './isos.dto';

class BaseIsoUploadQueryDto extends createZodDto(z.object({ name: plainText(200).pipe(z.string().min(1)).describe('Display name (never used as a file name)') })) {}

@ApiTags('isos')
@Controller('isos')
export class IsosController {
  constructor(
    private readonly bases: BaseIsosService,
    private readonly templates: IsoTemplatesService,
  ) {}

  @Get('base')
  @ZodResponse({ status: 200, type: [BaseIsoResponseDto], description: 'Base installer ISOs, newest first' })
  @RequireRole('viewer')
  listBases(): Promise<BaseIsoResponseDto[]> {
    return this.bases.list();
  }

  @Post('base')
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The ISO file as the raw request body' })
  @ZodResponse({ status: 201, type: BaseIsoResponseDto, description: 'Stored and inspected; 422 NOT_AN_ISO / UNSUPPORTED_LAYOUT leave nothing behind' })
  @RequireRole('operator')
  @Audit('iso.base.upload', { target: (req) => String((req.query as { name?: unknown }).name ?? '') })
  upload(@Query() query: BaseIsoUploadQueryDto, @Req() req: Request): Promise<BaseIsoResponseDto> {
    const declared = req.headers['content-length'];
    return this.bases.upload(query.name, req, declared === undefined ? undefined : Number(declared));
  }

  @Post('base/register')
  @ZodResponse({ status: 201, type: BaseIsoResponseDto, description: 'An ISO already on the server, used in place' })
  @RequireRole('operator')
  @Audit('iso.base.register')
  register(@Body() body: BaseIsoRegisterDto): Promise<BaseIsoResponseDto> {
    return this.bases.register(body.path, body.name);
  }

  @Get('base/:id')
  @ZodResponse({ status: 200, type: BaseIsoResponseDto, description: 'One base ISO with its inspection' })
  @RequireRole('viewer')
  getBase(@Param('id', ParseUUIDPipe) id: string): Promise<BaseIsoResponseDto> {
    return this.bases.get(id);
  }

  @Delete('base/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (an uploaded file with it; a registered file stays)' })
  @RequireRole('operator')
  @Audit('iso.base.delete')
  async deleteBase(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.bases.delete(id);
  }

  @Get('templates')
  @ZodResponse({ status: 200, type: [TemplateResponseDto], description: 'Templates with base, image, size and state' })
  @RequireRole('viewer')
  listTemplates(): Promise<TemplateResponseDto[]> {
    return this.templates.list();
  }

  @Post('templates')
  @ZodResponse({ status: 201, type: TemplateResponseDto, description: 'Queued; the build runs as a job (iso.updated events, job log)' })
  @RequireRole('operator')
  @Audit('iso.template.create')
  createTemplate(@Body() body: TemplateCreateDto, @CurrentPrincipal() principal: Principal): Promise<TemplateResponseDto> {
    return this.templates.create(body, principal.name);
  }

  @Get('templates/:id')
  @ZodResponse({ status: 200, type: TemplateResponseDto, description: 'One template' })
  @RequireRole('viewer')
  getTemplate(@Param('id', ParseUUIDPipe) id: string): Promise<TemplateResponseDto> {
    return this.templates.get(id);
  }

  @Delete('templates/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its file; its host download links stop working' })
  @RequireRole('operator')
  @Audit('iso.template.delete')
  async deleteTemplate(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.templates.delete(id);
  }
}
