import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportOpenApi } from './export-openapi';

const WEB = path.resolve(__dirname, '../../../web');

describe("the dashboard's generated API client", () => {
  it('matches the OpenAPI document the server produces now (run `npm run api:generate -w apps/web` when this fails)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bootfleet-openapi-'));
    try {
      const documentFile = path.join(dir, 'openapi.json');
      writeFileSync(documentFile, await exportOpenApi());
      const generated = path.join(dir, 'schema.d.ts');
      const webRequire = createRequire(path.join(WEB, 'package.json'));
      const cli = path.join(path.dirname(webRequire.resolve('openapi-typescript/package.json')), 'bin/cli.js');
      execFileSync(process.execPath, [cli, documentFile, '--output', generated], { stdio: ['ignore', 'ignore', 'pipe'] });
      const committed = readFileSync(path.join(WEB, 'src/api/schema.d.ts'), 'utf8');
      // Compared as text so that the failure shows which operations differ.
      expect(readFileSync(generated, 'utf8')).toBe(committed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
