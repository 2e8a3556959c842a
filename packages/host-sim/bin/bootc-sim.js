#!/usr/bin/env node
// Needs `npm run build` (dist/). Tests use a bundle instead: see src/testing/sim-executable.ts.
void import('../dist/cli/bootc-sim-entry.js');
