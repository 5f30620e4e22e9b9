#!/usr/bin/env node
// The tenant-mock command: the Prism mock's command line, as built in dist/. A file of its own so that the
// bin exists before the first build (pnpm links bins at install, and warns about missing ones).
await import('../dist/cli.js');
