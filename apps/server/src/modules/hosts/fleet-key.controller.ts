import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodSerializerDto } from 'nestjs-zod';
import { z } from 'zod';
import { RequireRole } from '../../common/auth';
import { FleetKeyService } from '../../infra/ssh/fleet-key.service';

export class FleetKeyDto extends createZodDto(z.object({ publicKey: z.string(), fingerprint: z.string(), createdAt: z.iso.datetime() })) {}

@ApiTags('settings')
@Controller('settings/fleet-key')
export class FleetKeyController {
  constructor(private readonly fleetKey: FleetKeyService) {}

  /** The public half of the server's SSH key, to install on hosts enrolled by key. */
  @Get()
  @RequireRole('viewer')
  @ZodSerializerDto(FleetKeyDto)
  @ApiOkResponse({ type: FleetKeyDto })
  async get(): Promise<FleetKeyDto> {
    const key = await this.fleetKey.publicKey();
    return { ...key, createdAt: key.createdAt.toISOString() };
  }
}
