#!/usr/bin/env node
// `pnpm mock`: serves openapi/tenant.yaml with Prism on a documented port, in the foreground.
import { spawn } from 'node:child_process';
import { prismArgs, prismBin } from './start-prism.js';

const DEFAULT_PORT = 4010;
const port = Number(process.env.MOCK_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`MOCK_PORT must be a port number, got "${process.env.MOCK_PORT}"`);
  process.exit(2);
}
console.error(
  `Prism mock of openapi/tenant.yaml on http://127.0.0.1:${port} (no /api prefix; any bearer token is accepted)\n` +
    `  curl -H 'Authorization: Bearer demo' http://127.0.0.1:${port}/tenant\n` +
    `  TENANTCTL_URL=http://127.0.0.1:${port} TENANTCTL_TOKEN=demo pnpm tenantctl get\n`,
);
const child = spawn(process.execPath, [prismBin(), ...prismArgs(port)], { stdio: 'inherit' });
// Ctrl-C (or a TERM) is how the mock is meant to stop: pass it on, and end with 0 when Prism stops.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
