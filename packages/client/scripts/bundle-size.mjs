// Measures the client's browser bundle, minified and gzipped, openapi-fetch excluded: the entry chunk
// (what a page loads up front) and the validator chunk that `updateTenant` imports on first use.
// With --check, fails when the entry chunk is over budget.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 5 * 1024;

const result = await build({
  entryPoints: { client: new URL('../src/index.ts', import.meta.url).pathname },
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: '/virtual',
  write: false,
  metafile: true,
  external: ['openapi-fetch'],
});

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let entry = 0;
let total = 0;
for (const file of result.outputFiles) {
  const gz = gzipSync(file.contents, { level: 9 }).length;
  const isEntry = file.path.endsWith('/client.js');
  if (isEntry) entry = gz;
  total += gz;
  console.log(
    `${isEntry ? 'entry chunk   ' : 'lazy chunk    '} ${file.path.replace('/virtual/', '').padEnd(24)} ${kb(file.contents.length).padStart(9)} min ${kb(gz).padStart(8)} min+gz`,
  );
}
console.log(`entry ${kb(entry)} min+gz (budget ${kb(BUDGET)}); everything ${kb(total)} min+gz`);
if (process.argv.includes('--check') && entry > BUDGET) {
  console.error(`the client's entry chunk is ${kb(entry)} gzipped, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
