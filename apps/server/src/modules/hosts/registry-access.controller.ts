import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodSerializerDto } from 'nestjs-zod';
import { z } from 'zod';
import { RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { RegistryAccessService } from './registry-access.service';

export class RegistryPushDto extends createZodDto(z.object({ hostIds: z.array(z.uuid()).min(1, 'choose at least one host').max(1000) })) {}

export class RegistryPushResultDto extends createZodDto(
  z.object({
    results: z.array(
      z.object({ hostId: z.uuid(), name: z.string(), ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).nullable() }),
    ),
  }),
) {}

export class PreflightDto extends createZodDto(z.object({ imageId: z.uuid() })) {}

export class PreflightResultDto extends createZodDto(
  z.object({
    canPull: z.boolean(),
    checks: z.array(
      z.object({
        name: z.enum(['reachable', 'credentials', 'trust', 'pull']),
        /** null: not tried (and why is in detail). */
        ok: z.boolean().nullable(),
        detail: z.string(),
      }),
    ),
  }),
) {}

@ApiTags('registries')
@Controller()
export class RegistryAccessController {
  constructor(private readonly access: RegistryAccessService) {}

  /** Writes the registry's credentials (and, for plain-HTTP or unverified TLS, an insecure drop-in) to hosts. */
  @Post('registries/:id/push-to-hosts')
  @HttpCode(200)
  @RequireRole('admin')
  @Audit('registry.push-to-hosts')
  @ZodSerializerDto(RegistryPushResultDto)
  @ApiOkResponse({ type: RegistryPushResultDto })
  async push(@Param('id', ParseUUIDPipe) id: string, @Body() body: RegistryPushDto): Promise<RegistryPushResultDto> {
    return { results: await this.access.pushCredentials(id, body.hostIds) };
  }

  /** Can this host pull that image? Reads the host's registry settings and lets bootc try where it can. */
  @Post('hosts/:id/preflight')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('host.preflight')
  @ZodSerializerDto(PreflightResultDto)
  @ApiOkResponse({ type: PreflightResultDto })
  preflight(@Param('id', ParseUUIDPipe) id: string, @Body() body: PreflightDto): Promise<PreflightResultDto> {
    return this.access.preflight(id, body.imageId);
  }
}
