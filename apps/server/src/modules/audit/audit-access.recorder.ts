import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessAudit } from '../../common/auth/access-audit';
import { auditedRequest } from './audit.interceptor';
import { AuditService } from './audit.service';

@Injectable()
export class AuditAccessRecorder extends AccessAudit {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {
    super();
  }

  async denied(context: ExecutionContext, errorCode: string): Promise<void> {
    const base = auditedRequest(this.reflector, context);
    if (base) await this.audit.record({ ...base(), result: 'denied', errorCode });
  }
}
