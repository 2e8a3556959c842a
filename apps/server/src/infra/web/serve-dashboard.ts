import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

const isApiPath = (p: string) => p === '/api' || p.startsWith('/api/');

/**
 * Serves the built dashboard at `/` from the same process: static assets, and index.html for
 * every other non-API GET so that client-side routes survive a reload.
 */
export function serveDashboard(app: INestApplication, webDir: string): void {
  const index = path.join(webDir, 'index.html');
  const built = existsSync(index);
  const assets = express.static(webDir, { index: false, maxAge: '1h', immutable: false });
  // API calls never name a file: without this every one of them would cost a stat() of the dashboard folder.
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApiPath(req.path)) return next();
    if (!built) {
      res.status(503).type('text/plain').send(`The dashboard is not built (no ${index}). Run npm start, which builds it.`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
