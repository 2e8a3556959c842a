import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../../common/auth/principal';
import type { Prisma } from '../../generated/prisma/client';
import { type AuditFilter, AuditRepository } from './audit.repository';
import { redact } from './redact';

export type AuditActor =
  | { kind: 'user' | 'token'; id: string; name: string }
  | { kind: 'one_time_token'; id: string; name: string }
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: string | undefined;
  result: 'success' | 'failure' | 'denied';
  errorCode?: string | undefined;
  source?: string | undefined;
  details?: Record<string, unknown>;
}

/** Who is behind a request, as the audit log names them. */
export function actorOf(req: Request): AuditActor {
  const { principal, oneTimeGrant } = req as AuthenticatedRequest;
  if (principal) return { kind: principal.kind, id: principal.id, name: principal.name };
  if (oneTimeGrant) return { kind: 'one_time_token', id: oneTimeGrant.subject, name: `${oneTimeGrant.purpose}:${oneTimeGrant.subject}` };
  return { kind: 'anonymous' };
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repository: AuditRepository) {}

  /** Appends one event. Details are redacted here, whoever calls. */
  async record(entry: AuditEntry): Promise<void> {
    const a = entry.actor;
    try {
      await this.repository.insert({
        actorKind: a.kind,
        actorId: 'id' in a ? a.id : null,
        actor: a.kind === 'anonymous' ? 'anonymous' : a.name,
        action: entry.action,
        target: entry.target ?? null,
        result: entry.result,
        errorCode: entry.errorCode ?? null,
        source: entry.source ?? null,
        details: redact(entry.details ?? {}) as Prisma.InputJsonValue,
      });
    } catch (err) {
      // The action itself has happened; losing its audit line must be loud, not fatal to the caller.
      this.logger.error(`could not record audit event ${entry.action}: ${(err as Error).message}`);
    }
  }

  page(filter: AuditFilter, offset: number, limit: number) {
    return this.repository.page(filter, offset, limit);
  }

  stream(filter: AuditFilter) {
    return this.repository.stream(filter);
  }
}
