import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../../config/config.schema';
import type { NewSession } from './session.service';

export const SESSION_COOKIE = 'bootfleet_session';
/** Readable by the dashboard's script, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'bootfleet_csrf';

function baseOptions(req: Request, config: Pick<AppConfig, 'cookieSecure'>): CookieOptions {
  return { path: '/', sameSite: 'strict', secure: config.cookieSecure === 'auto' ? req.secure : config.cookieSecure };
}

export function setSessionCookies(req: Request, res: Response, config: Pick<AppConfig, 'cookieSecure'>, session: NewSession): void {
  const options = { ...baseOptions(req, config), expires: session.expiresAt };
  res.cookie(SESSION_COOKIE, session.secret, { ...options, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...options, httpOnly: false });
}

export function clearSessionCookies(req: Request, res: Response, config: Pick<AppConfig, 'cookieSecure'>): void {
  res.clearCookie(SESSION_COOKIE, { ...baseOptions(req, config), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, baseOptions(req, config));
}
