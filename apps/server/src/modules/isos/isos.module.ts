import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { ImagesModule } from '../images/images.module';
import { JobRecordsModule } from '../jobs/jobs.module';
import { RegistriesModule } from '../registries/registries.module';
import { BaseIsosService } from './base-isos.service';
import { CallHomeTokenMiddleware } from './call-home-token.middleware';
import { DownloadLinkKey } from './download-link-key';
import { HostInstallsController } from './host-installs.controller';
import { HostInstallsService } from './host-installs.service';
import { IsoStorage } from './iso-storage';
import { IsoTemplatesService } from './iso-templates.service';
import { IsosController } from './isos.controller';
import { IsosRepository } from './isos.repository';
import { PendingHostsRepository } from './pending-hosts.repository';

@Module({
  imports: [HostsModule, ImagesModule, RegistriesModule, JobRecordsModule],
  controllers: [IsosController, HostInstallsController],
  providers: [IsosRepository, PendingHostsRepository, IsoStorage, DownloadLinkKey, BaseIsosService, IsoTemplatesService, HostInstallsService],
})
export class IsosModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CallHomeTokenMiddleware).forRoutes({ path: 'isos/call-home', method: RequestMethod.POST });
  }
}
