import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** The one PrismaClient of the process; only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: databaseUrl, max: config.dbPoolSize }) });
  }

  // Last of all: job handlers still finishing during shutdown need the database.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
