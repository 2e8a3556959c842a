#!/usr/bin/env node
// Needs `npm run build` (dist/).
void import('../dist/cli/bootfleet-sim-entry.js');
