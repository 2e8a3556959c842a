import { Module } from '@nestjs/common';
import { RegistriesModule } from '../registries/registries.module';
import { SettingsModule } from '../settings/settings.module';
import { ImagesController } from './images.controller';
import { ImagesRepository } from './images.repository';
import { ImagesService } from './images.service';
import { ImagePollJobs } from './jobs/image-poll.jobs';

@Module({
  imports: [RegistriesModule, SettingsModule],
  controllers: [ImagesController],
  providers: [ImagesService, ImagesRepository, ImagePollJobs],
  exports: [ImagesService],
})
export class ImagesModule {}
