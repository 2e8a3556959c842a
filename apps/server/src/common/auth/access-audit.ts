import type { ExecutionContext } from '@nestjs/common';

/**
 * Told about every request the guard refuses, so that refused attempts at mutating actions reach
 * the audit log too (the audit module implements it).
 */
export abstract class AccessAudit {
  abstract denied(context: ExecutionContext, errorCode: string): Promise<void>;
}
