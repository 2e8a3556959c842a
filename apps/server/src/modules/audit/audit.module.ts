import { Global, Module } from '@nestjs/common';
import { AccessAudit } from '../../common/auth/access-audit';
import { AuditAccessRecorder } from './audit-access.recorder';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditRepository,
    { provide: AccessAudit, useClass: AuditAccessRecorder },
    AuditInterceptor,
  ],
  exports: [AuditService, AccessAudit, AuditInterceptor],
})
export class AuditModule {}
