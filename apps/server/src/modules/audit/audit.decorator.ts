import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const AUDIT = 'bootfleet:audit';

export interface AuditOptions {
  action: string;
  /** What was acted on, when the route parameters do not say it (for example the user name of a login). */
  target?: (req: Request) => string | undefined;
}

/**
 * Names the audited action of a route (`host.enroll`). Mutating routes (POST, PUT, PATCH, DELETE)
 * are audited without it too, as `<controller>.<handler>`; `@Audit(false)` is not offered on purpose.
 * On a GET, it makes the read audited (exports, downloads of sensitive files).
 */
export const Audit = (action: string, options: Omit<AuditOptions, 'action'> = {}) => SetMetadata(AUDIT, { action, ...options } satisfies AuditOptions);
