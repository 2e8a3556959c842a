// Regenerates src/api/schema.d.ts from the server's OpenAPI document.
//   npm run api:generate -w apps/web               (needs the server built: npx tsc -p apps/server/tsconfig.build.json)
//   node scripts/generate-api.mjs --out FILE       (writes elsewhere, e.g. to compare with the committed file)
// The output is openapi-typescript's raw text, so the same document always gives the same bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exporter = path.resolve(webDir, '../server/dist/openapi/export-openapi.js');
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? path.join(webDir, 'src/api/schema.d.ts') : path.resolve(process.argv[outFlag + 1] ?? '');

if (!existsSync(exporter)) {
  console.error(`${exporter} is missing: build the server first (cd apps/server && npx prisma generate --config ../../prisma/prisma.config.ts && npx tsc -p tsconfig.build.json).`);
  process.exit(1);
}

const tmpDir = path.join(webDir, '.tmp');
mkdirSync(tmpDir, { recursive: true });
const documentFile = path.join(tmpDir, 'openapi.json');
writeFileSync(documentFile, execFileSync(process.execPath, [exporter], { cwd: path.dirname(exporter), maxBuffer: 64 * 1024 * 1024 }));

const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin/cli.js');
execFileSync(process.execPath, [cli, documentFile, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`wrote ${path.relative(process.cwd(), out)}`);
