import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { QuarantineModule } from '../quarantine';
import { JobRecordsModule } from '../jobs/jobs.module';
import { SettingsModule } from '../settings/settings.module';
import { EnrollmentService } from './enrollment.service';
import { FleetKeyController } from './fleet-key.controller';
import { HostRefreshService } from './host-refresh.service';
import { HostsController } from './hosts.controller';
import { HostsRepository } from './hosts.repository';
import { HostsService } from './hosts.service';
import { HostImportJob } from './import/host-import.job';
import { HostImportService } from './import/host-import.service';
import { HostJobs } from './jobs/host-jobs';

@Module({
  imports: [ImagesModule, JobRecordsModule, QuarantineModule, SettingsModule],
  controllers: [HostsController, FleetKeyController],
  providers: [HostsRepository, HostsService, EnrollmentService, HostRefreshService, HostJobs, HostImportService, HostImportJob],
  exports: [HostsService],
})
export class HostsModule {}
