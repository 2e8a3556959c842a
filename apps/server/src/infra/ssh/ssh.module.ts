import { Global, Module } from '@nestjs/common';
import { FleetKeyRepository } from './fleet-key.repository';
import { FleetKeyService } from './fleet-key.service';
import { HostConnections } from './host-connections.service';

@Global()
@Module({ providers: [FleetKeyRepository, FleetKeyService, HostConnections], exports: [FleetKeyService, HostConnections] })
export class SshModule {}
