import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { RegistryCreateDto, RegistryDraftDto, RegistryResponseDto, RegistryTestResultDto, RegistryUpdateDto } from './registries.dto';
import { RegistriesService } from './registries.service';

@ApiTags('registries')
@Controller('registries')
export class RegistriesController {
  constructor(private readonly registries: RegistriesService) {}

  @Get()
  @ZodResponse({ status: 200, type: [RegistryResponseDto], description: 'All registries, by name' })
  @RequireRole('viewer')
  list(): Promise<RegistryResponseDto[]> {
    return this.registries.list();
  }

  @Post()
  @ZodResponse({ status: 201, type: RegistryResponseDto, description: 'The new registry (a connection test is not required)' })
  @RequireRole('admin')
  @Audit('registry.create')
  create(@Body() body: RegistryCreateDto): Promise<RegistryResponseDto> {
    return this.registries.create(body);
  }

  /** Declared before `:id` routes so that "test" is never taken for an id. */
  @Post('test')
  @ZodResponse({ status: 200, type: RegistryTestResultDto, description: 'Tests an unsaved registry; nothing is stored' })
  @RequireRole('admin')
  @Audit('registry.test-draft')
  testDraft(@Body() body: RegistryDraftDto): Promise<RegistryTestResultDto> {
    return this.registries.testDraft(body);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: RegistryResponseDto, description: 'One registry' })
  @RequireRole('viewer')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RegistryResponseDto> {
    return this.registries.get(id);
  }

  @Patch(':id')
  @ZodResponse({ status: 200, type: RegistryResponseDto, description: 'The registry after the change; omitted secrets are kept' })
  @RequireRole('admin')
  @Audit('registry.update')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: RegistryUpdateDto): Promise<RegistryResponseDto> {
    return this.registries.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (refused with 409 REGISTRY_IN_USE while images use it)' })
  @RequireRole('admin')
  @Audit('registry.delete')
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.registries.delete(id);
  }

  @Post(':id/test')
  @ZodResponse({ status: 200, type: RegistryTestResultDto, description: 'Tests the saved registry and stores the result' })
  @RequireRole('admin')
  @Audit('registry.test')
  test(@Param('id', ParseUUIDPipe) id: string): Promise<RegistryTestResultDto> {
    return this.registries.test(id);
  }
}
