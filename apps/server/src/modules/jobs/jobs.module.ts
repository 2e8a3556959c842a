import { Module } from '@nestjs/common';
import { JobRecordsRepository } from './job-records.repository';
import { JobRecordsService } from './job-records.service';
import { JobsController } from './jobs.controller';

@Module({ controllers: [JobsController], providers: [JobRecordsRepository, JobRecordsService], exports: [JobRecordsService] })
export class JobRecordsModule {}
