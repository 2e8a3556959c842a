export { Audit } from './audit.decorator';
export { AuditService, actorOf, type AuditEntry, type AuditActor } from './audit.service';
