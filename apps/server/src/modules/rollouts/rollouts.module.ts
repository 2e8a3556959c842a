import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { JobRecordsModule } from '../jobs/jobs.module';
import { QuarantineModule } from '../quarantine';
import { HostStepExecutor } from './executor/host-step.executor';
import { HostActionsController } from './host-actions.controller';
import { HostActionsService } from './host-actions.service';
import { PolicyEvaluator } from './policies/policy-evaluator';
import { REBOOT_GATES } from './reboot-gates';
import { RolloutAdvancer } from './rollout-advancer';
import { RolloutsController } from './rollouts.controller';
import { RolloutsRepository } from './rollouts.repository';
import { RolloutsService } from './rollouts.service';
import { TargetResolver } from './target-resolver';
import { WindowGates } from './window-gates';
import { WindowsModule } from '../windows/windows.module';

@Module({
  imports: [HostsModule, JobRecordsModule, WindowsModule, QuarantineModule],
  controllers: [RolloutsController, HostActionsController],
  providers: [
    RolloutsRepository,
    RolloutsService,
    TargetResolver,
    RolloutAdvancer,
    HostStepExecutor,
    HostActionsService,
    PolicyEvaluator,
    { provide: REBOOT_GATES, useClass: WindowGates },
  ],
  exports: [RolloutsService],
})
export class RolloutsModule {}
