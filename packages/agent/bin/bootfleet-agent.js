#!/usr/bin/env node
// Runs the compiled CLI: build first with `npm run build -w packages/agent`.
import('../dist/cli.js').then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
