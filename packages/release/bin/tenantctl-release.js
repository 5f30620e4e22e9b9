#!/usr/bin/env node
// The release tool's command line, as built in dist/ (a file of its own so that the bin exists before the first build).
await import('../dist/cli.js');
