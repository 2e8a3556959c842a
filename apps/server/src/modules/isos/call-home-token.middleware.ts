import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * The installer's call-home (rendered by @bootfleet/iso-builder's kickstart) sends its one-time
 * token inside the JSON body, while the auth guard reads one-time tokens from
 * `Authorization: Bearer`. For the call-home route only, a body token is moved into that header
 * when none was sent; the guard then verifies and consumes it as for any one-time-token route.
 */
@Injectable()
export class CallHomeTokenMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (!req.headers.authorization && typeof token === 'string' && /^[A-Za-z0-9._~-]{16,512}$/.test(token)) {
      req.headers.authorization = `Bearer ${token}`;
    }
    next();
  }
}
