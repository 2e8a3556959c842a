import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/config.schema';
import { EventsModule } from './infra/events/events.module';
import { JobsModule } from './infra/jobs/jobs.module';
import { requestLogging } from './infra/logging/request-logging';
import { PrismaModule } from './infra/prisma/prisma.module';
import { SecretsModule } from './infra/secrets/secrets.module';
import { SshModule } from './infra/ssh/ssh.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { LiveEventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { HostsModule } from './modules/hosts/hosts.module';
import { ImagesModule } from './modules/images/images.module';
import { IsosModule } from './modules/isos/isos.module';
import { JobRecordsModule } from './modules/jobs/jobs.module';
import { QuarantineModule } from './modules/quarantine';
import { RegistriesModule } from './modules/registries/registries.module';
import { RolloutsModule } from './modules/rollouts/rollouts.module';
import { SettingsModule } from './modules/settings/settings.module';
import { WindowsModule } from './modules/windows';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: requestLogging(config.logLevel, config.logPretty),
        }),
        PrismaModule.forRoot(databaseUrl),
        SecretsModule,
        AuditModule,
        AuthModule,
        JobsModule,
        EventsModule,
        HealthModule,
        LiveEventsModule,
        SettingsModule,
        RegistriesModule,
        ImagesModule,
        SshModule,
        JobRecordsModule,
        HostsModule,
        QuarantineModule,
        WindowsModule,
        IsosModule,
        RolloutsModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
