import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { QuarantineModule } from '../quarantine';
import { RegistriesModule } from '../registries/registries.module';
import { JobRecordsModule } from '../jobs/jobs.module';
import { SettingsModule } from '../settings/settings.module';
import { EnrollmentService } from './enrollment.service';
import { FleetKeyController } from './fleet-key.controller';
import { HostPages } from './host-pages';
import { HostRefreshService } from './host-refresh.service';
import { HostTotals } from './host-totals';
import { HostsController } from './hosts.controller';
import { HostsRepository } from './hosts.repository';
import { HostsService } from './hosts.service';
import { HostImportJob } from './import/host-import.job';
import { HostImportService } from './import/host-import.service';
import { HostJobs } from './jobs/host-jobs';
import { RegistryAccessController } from './registry-access.controller';
import { RegistryAccessService } from './registry-access.service';

@Module({
  imports: [ImagesModule, JobRecordsModule, QuarantineModule, RegistriesModule, SettingsModule],
  controllers: [HostsController, FleetKeyController, RegistryAccessController],
  providers: [HostsRepository, HostsService, HostTotals, HostPages, EnrollmentService, HostRefreshService, HostJobs, HostImportService, HostImportJob, RegistryAccessService],
  exports: [HostsService],
})
export class HostsModule {}
