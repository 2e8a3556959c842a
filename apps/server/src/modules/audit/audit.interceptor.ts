import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, RequestMethod } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { catchError, concatMap, from, map, type Observable, throwError } from 'rxjs';
import { SAFE_METHODS } from '../../common/auth/csrf';
import { sourceAddress } from '../../common/auth/principal';
import { toErrorResponse } from '../../common/error-body';
import type { RouteDeclaration } from '../../common/route-interceptors';
import { AUDIT, type AuditOptions } from './audit.decorator';
import { actorOf, type AuditEntry, AuditService } from './audit.service';

/** `UsersController.create` → `users.create`. */
export function derivedAction(controller: string, handler: string): string {
  const resource = controller.replace(/Controller$/, '');
  return `${resource.charAt(0).toLowerCase()}${resource.slice(1)}.${handler}`;
}

function targetOf(req: Request, options: AuditOptions | undefined): string | undefined {
  const explicit = options?.target?.(req);
  if (explicit) return explicit;
  const params = Object.values(req.params ?? {}).filter((v): v is string => typeof v === 'string');
  return params.length ? params.join('/') : undefined;
}

/**
 * What the audit log says about this request, without the result; undefined when it is not audited
 * (reads without @Audit). Called after the handler (or the guard's refusal), when the principal is known.
 */
export function auditedRequest(reflector: Reflector, context: ExecutionContext): (() => Omit<AuditEntry, 'result'>) | undefined {
  if (context.getType() !== 'http') return undefined;
  const req = context.switchToHttp().getRequest<Request>();
  const options = reflector.getAllAndOverride<AuditOptions | undefined>(AUDIT, [context.getHandler(), context.getClass()]);
  if (SAFE_METHODS.has(req.method) && !options) return undefined;
  const action = options?.action ?? derivedAction(context.getClass().name, context.getHandler().name);
  return () => ({
    actor: actorOf(req),
    action,
    target: targetOf(req, options),
    source: sourceAddress(req),
    details: { method: req.method, path: req.originalUrl.split('?')[0], ...(req.body && Object.keys(req.body as object).length ? { body: req.body } : {}) },
  });
}

/** The routes the interceptor goes on (attachRouteInterceptors): all but reads, and reads marked @Audit. */
export function auditedRoute(reflector: Reflector, route: RouteDeclaration): boolean {
  return !SAFE_METHODS.has(RequestMethod[route.method]) || reflector.getAllAndOverride<AuditOptions | undefined>(AUDIT, [route.handler, route.controller]) !== undefined;
}

/**
 * Records every mutating request (and reads marked with @Audit) once it has finished: who, what,
 * target, result with the error code, source address and the redacted body. The response waits for
 * the record so that what the client saw is always in the log.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const base = auditedRequest(this.reflector, context);
    if (!base) return next.handle();
    return next.handle().pipe(
      concatMap((value: unknown) => from(this.audit.record({ ...base(), result: 'success' })).pipe(map(() => value))),
      catchError((err: unknown) => {
        const { status, body } = toErrorResponse(err);
        const result = status === 401 || status === 403 ? 'denied' : 'failure';
        return from(this.audit.record({ ...base(), result, errorCode: body.code })).pipe(concatMap(() => throwError(() => err)));
      }),
    );
  }
}
