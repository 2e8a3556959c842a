#!/usr/bin/env node
// Runs the compiled CLI: `npm run build -w @bootfleet/oci -w @bootfleet/iso-builder` first.
import cli from '../dist/cli.js';

process.exitCode = await cli.runCli(process.argv.slice(2));
