// Bundles the CLI into dist/tenantctl.js, one ESM entry holding the argument parser and the command table.
// Each command, and the libraries only it needs (ajv, yaml, the client), is a chunk beside it that the
// entry imports when that command runs: `tenantctl --help` loads and parses none of them.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const outdir = new URL('../dist/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { tenantctl: new URL('../src/main.ts', import.meta.url).pathname },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  // Bundled CommonJS dependencies (ajv, yaml…) call require(); give them one in the ESM bundle.
  banner: {
    js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
});
await chmod(`${outdir}tenantctl.js`, 0o755);
