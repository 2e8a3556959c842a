import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { SettingsResponseDto, SettingsUpdateDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ZodResponse({ status: 200, type: SettingsResponseDto, description: 'Current settings (defaults for keys never set)' })
  @RequireRole('viewer')
  get(): Promise<SettingsResponseDto> {
    return this.settings.get();
  }

  @Put()
  @ZodResponse({ status: 200, type: SettingsResponseDto, description: 'Settings after the change' })
  @RequireRole('admin')
  @Audit('settings.update')
  update(@Body() body: SettingsUpdateDto): Promise<SettingsResponseDto> {
    return this.settings.update(body);
  }
}
