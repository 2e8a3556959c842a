import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { JobRecordsModule } from '../jobs/jobs.module';
import { HostStepExecutor } from './executor/host-step.executor';
import { HostActionsController } from './host-actions.controller';
import { HostActionsService } from './host-actions.service';
import { REBOOT_GATES, UnrestrictedGates } from './reboot-gates';
import { RolloutAdvancer } from './rollout-advancer';
import { RolloutsController } from './rollouts.controller';
import { RolloutsRepository } from './rollouts.repository';
import { RolloutsService } from './rollouts.service';
import { TargetResolver } from './target-resolver';

@Module({
  imports: [HostsModule, JobRecordsModule],
  controllers: [RolloutsController, HostActionsController],
  providers: [
    RolloutsRepository,
    RolloutsService,
    TargetResolver,
    RolloutAdvancer,
    HostStepExecutor,
    HostActionsService,
    { provide: REBOOT_GATES, useClass: UnrestrictedGates },
  ],
  exports: [RolloutsService],
})
export class RolloutsModule {}
