// Measures the client's browser bundle, minified and gzipped, openapi-fetch excluded: the entry chunk
// (what a page loads up front), the session entry (`@tenantctl/client/session`, for pages that sign
// in) and the validator chunk that `updateTenant` and sign-in import on first use.
// With --check, fails when the entry chunk is over budget.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// 5 kB until the tenant collection (the client grew its errors, plain requests and lazy collection calls);
// a page for a tenant's own settings loads 5.3 kB of it up front.
const BUDGET = 6 * 1024;

const result = await build({
  entryPoints: {
    client: new URL('../src/index.ts', import.meta.url).pathname,
    session: new URL('../src/session/index.ts', import.meta.url).pathname,
  },
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
const gzipped = new Map(
  result.outputFiles.map((file) => [
    file.path.replace('/virtual/', ''),
    gzipSync(file.contents, { level: 9 }).length,
  ]),
);
const minified = new Map(
  result.outputFiles.map((file) => [file.path.replace('/virtual/', ''), file.contents.length]),
);
const outputs = result.metafile.outputs;

/** The chunks a page loads up front for one entry: the entry and what it imports statically. */
function upFront(entry) {
  const seen = new Set();
  const visit = (path) => {
    const name = path.replace(/^.*?virtual\//, '');
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(Object.keys(outputs).find((path) => path.endsWith(`/${entry}.js`)));
  return seen;
}

const sum = (names) => [...names].reduce((total, name) => total + (gzipped.get(name) ?? 0), 0);
const clientUpFront = upFront('client');
const sessionUpFront = upFront('session');
for (const [name, gz] of gzipped) {
  const role = clientUpFront.has(name)
    ? 'up front      '
    : sessionUpFront.has(name)
      ? 'session       '
      : 'lazy          ';
  console.log(
    `${role} ${name.padEnd(24)} ${kb(minified.get(name)).padStart(9)} min ${kb(gz).padStart(8)} min+gz`,
  );
}
const entry = sum(clientUpFront);
const total = sum(gzipped.keys());
console.log(
  `client up front ${kb(entry)} min+gz (budget ${kb(BUDGET)}); with the session entry ${kb(sum(new Set([...clientUpFront, ...sessionUpFront])))}; everything ${kb(total)} min+gz`,
);
if (process.argv.includes('--check') && entry > BUDGET) {
  console.error(`what the client loads up front is ${kb(entry)} gzipped, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
