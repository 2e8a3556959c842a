import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/auth.decorators';
import { HealthResponseDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ type: HealthResponseDto, description: 'Server and database are up' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database is unreachable' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponseDto> {
    const result = await this.health.check();
    res.status(result.database.up ? 200 : 503);
    return result;
  }
}
