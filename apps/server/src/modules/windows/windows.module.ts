import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { SettingsModule } from '../settings/settings.module';
import { WindowsController } from './windows.controller';
import { WindowsRepository } from './windows.repository';
import { WindowsService } from './windows.service';

@Module({
  imports: [HostsModule, SettingsModule],
  controllers: [WindowsController],
  providers: [WindowsService, WindowsRepository],
  exports: [WindowsService],
})
export class WindowsModule {}
