import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ZodSerializerDto } from 'nestjs-zod';
import { CurrentPrincipal, type Principal, RequireRole } from '../../common/auth';
import { Audit } from '../audit';
import { actorName } from './actor';
import { HostActionsService } from './host-actions.service';
import {
  ActionPreviewDto,
  ActionPreviewQueryDto,
  ActionResultDto,
  ApplyActionDto,
  BulkActionDto,
  BulkResultDto,
  RollbackActionDto,
  StageActionDto,
  UpgradeActionDto,
} from './rollouts.dto';

/** Host actions: each returns at once with the job (and operation) that carries it out. */
@ApiTags('host actions')
@Controller()
export class HostActionsController {
  constructor(private readonly actions: HostActionsService) {}

  @Get('hosts/:id/actions/preview')
  @RequireRole('viewer')
  @ZodSerializerDto(ActionPreviewDto)
  @ApiOkResponse({ type: ActionPreviewDto, description: 'Exactly which image and digest the host will boot after the action' })
  preview(@Param('id', ParseUUIDPipe) id: string, @Query() query: ActionPreviewQueryDto): Promise<ActionPreviewDto> {
    const target = query.revisionId ? { revisionId: query.revisionId } : query.digest ? { digest: query.digest } : undefined;
    return this.actions.preview(id, query.action, target);
  }

  @Post('hosts/:id/actions/check-update')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.check-update')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  checkUpdate(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'check-update', {}, actorName(p));
  }

  @Post('hosts/:id/actions/stage')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.stage')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  stage(@Param('id', ParseUUIDPipe) id: string, @Body() body: StageActionDto, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'stage', { target: body.target }, actorName(p));
  }

  @Post('hosts/:id/actions/upgrade')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.upgrade')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  upgrade(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpgradeActionDto, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'upgrade', { target: body.target, when: body.when }, actorName(p));
  }

  @Post('hosts/:id/actions/apply')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.apply')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  apply(@Param('id', ParseUUIDPipe) id: string, @Body() body: ApplyActionDto, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'apply', { when: body.when }, actorName(p));
  }

  @Post('hosts/:id/actions/rollback')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.rollback')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  rollback(@Param('id', ParseUUIDPipe) id: string, @Body() body: RollbackActionDto, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'rollback', { when: body.when, quarantineRevision: body.quarantineRevision, quarantineReason: body.quarantineReason }, actorName(p));
  }

  @Post('hosts/:id/actions/reboot')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.reboot')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  reboot(@Param('id', ParseUUIDPipe) id: string, @Body() body: ApplyActionDto, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'reboot', { when: body.when }, actorName(p));
  }

  @Post('hosts/:id/actions/refresh')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('host.refresh')
  @ZodSerializerDto(ActionResultDto)
  @ApiAcceptedResponse({ type: ActionResultDto })
  refresh(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() p: Principal): Promise<ActionResultDto> {
    return this.actions.run(id, 'refresh', {}, actorName(p));
  }

  @Post('hosts/actions')
  @HttpCode(202)
  @RequireRole('operator')
  @Audit('hosts.bulk-action')
  @ZodSerializerDto(BulkResultDto)
  @ApiAcceptedResponse({ type: BulkResultDto })
  bulk(@Body() body: BulkActionDto, @CurrentPrincipal() p: Principal): Promise<BulkResultDto> {
    return this.actions.bulk(body, actorName(p));
  }
}
