import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ZodSerializerDto } from 'nestjs-zod';
import { CurrentPrincipal, type Principal, RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { actorName } from './actor';
import type { RolloutState } from './domain/phases';
import { healthChecksSchema, strategySchema } from './domain/strategy';
import {
  PolicyCreateDto,
  PolicyListDto,
  PolicyUpdateDto,
  PolicyViewDto,
  RolloutCreateDto,
  RolloutDetailDto,
  RolloutListDto,
  RolloutListQueryDto,
  RolloutPreviewDto,
} from './rollouts.dto';
import { type RolloutAction, RolloutsService } from './rollouts.service';

type PolicyRow = Awaited<ReturnType<RolloutsService['listPolicies']>>[number];
const policyView = (p: PolicyRow): PolicyViewDto => ({
  id: p.id,
  name: p.name,
  imageId: p.imageId,
  selector: p.selector as Record<string, unknown>,
  strategy: strategySchema.parse(p.strategy),
  healthChecks: healthChecksSchema.parse(p.healthChecks),
  autoStart: p.autoStart,
  enabled: p.enabled,
  lastDigest: p.lastDigest,
  createdAt: p.createdAt.toISOString(),
  lastRollout: p.rollouts[0] ? { ...p.rollouts[0], state: p.rollouts[0].state as RolloutState, createdAt: p.rollouts[0].createdAt.toISOString() } : null,
});

@ApiTags('rollouts')
@Controller()
export class RolloutsController {
  constructor(private readonly rollouts: RolloutsService) {}

  @Get('rollouts')
  @RequireRole('viewer')
  @ZodSerializerDto(RolloutListDto)
  @ApiOkResponse({ type: RolloutListDto })
  async list(@Query() query: RolloutListQueryDto): Promise<RolloutListDto> {
    return { items: await this.rollouts.list(query) };
  }

  /** Dry run: the batches, each host's pinned target and the window it will wait for. Nothing is created. */
  @Post('rollouts/preview')
  @HttpCode(200)
  @RequireRole('operator')
  @ZodSerializerDto(RolloutPreviewDto)
  @ApiOkResponse({ type: RolloutPreviewDto })
  preview(@Body() body: RolloutCreateDto): Promise<RolloutPreviewDto> {
    return this.rollouts.preview(body);
  }

  @Post('rollouts')
  @RequireRole('operator')
  @Audit('rollout.create', { target: (req) => (req.body as { name?: string })?.name })
  @ZodSerializerDto(RolloutDetailDto)
  @ApiCreatedResponse({ type: RolloutDetailDto })
  create(@Body() body: RolloutCreateDto, @CurrentPrincipal() principal: Principal): Promise<RolloutDetailDto> {
    return this.rollouts.create(body, actorName(principal));
  }

  @Get('rollouts/:id')
  @RequireRole('viewer')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.rollouts.get(id);
  }

  private act(id: string, action: RolloutAction) {
    return this.rollouts.act(id, action);
  }

  @Post('rollouts/:id/start')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.start')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  start(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'start');
  }

  @Post('rollouts/:id/pause')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.pause')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  pause(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'pause');
  }

  @Post('rollouts/:id/resume')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.resume')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  resume(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'resume');
  }

  @Post('rollouts/:id/approve-next-batch')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.approve')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  approve(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'approve');
  }

  @Post('rollouts/:id/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.cancel')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'cancel');
  }

  @Post('rollouts/:id/retry-failed')
  @HttpCode(200)
  @RequireRole('operator')
  @Audit('rollout.retry-failed')
  @ZodSerializerDto(RolloutDetailDto)
  @ApiOkResponse({ type: RolloutDetailDto })
  retryFailed(@Param('id', ParseUUIDPipe) id: string): Promise<RolloutDetailDto> {
    return this.act(id, 'retry-failed');
  }

  @Get('rollout-policies')
  @RequireRole('viewer')
  @ZodSerializerDto(PolicyListDto)
  @ApiOkResponse({ type: PolicyListDto })
  async policies(): Promise<PolicyListDto> {
    return { items: (await this.rollouts.listPolicies()).map(policyView) };
  }

  @Post('rollout-policies')
  @RequireRole('operator')
  @Audit('rollout-policy.create')
  @ZodSerializerDto(PolicyViewDto)
  @ApiCreatedResponse({ type: PolicyViewDto })
  async createPolicy(@Body() body: PolicyCreateDto, @CurrentPrincipal() principal: Principal): Promise<PolicyViewDto> {
    return policyView(await this.rollouts.createPolicy(body, actorName(principal)));
  }

  @Patch('rollout-policies/:id')
  @RequireRole('operator')
  @Audit('rollout-policy.update')
  @ZodSerializerDto(PolicyViewDto)
  @ApiOkResponse({ type: PolicyViewDto })
  async updatePolicy(@Param('id', ParseUUIDPipe) id: string, @Body() body: PolicyUpdateDto): Promise<PolicyViewDto> {
    return policyView(await this.rollouts.updatePolicy(id, body));
  }

  @Delete('rollout-policies/:id')
  @HttpCode(204)
  @RequireRole('operator')
  @Audit('rollout-policy.delete')
  @ApiNoContentResponse()
  async deletePolicy(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.rollouts.deletePolicy(id);
  }
}
