// `test/` mirrors `src/` in every package: a module with logic (a function, a class or an arrow) has its
// test at the same path, `src/a/b.ts` ↔ `test/a/b.test.ts`. Modules of types, data or re-exports only
// are exempt. Exits 1 naming what is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Code that runs: a function, a class or an arrow, outside comments and strings. */
function hasLogic(text) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
  return /\bfunction\b|\bclass\b|=>/.test(
    code.replace(/^\s*(export\s+)?(type|interface)\b[\s\S]*?(;|\n\})/gm, ''),
  );
}

const missing = [];
for (const pkg of packages) {
  const src = join(pkg, 'src');
  if (!existsSync(src)) continue;
  for (const file of sources(src)) {
    if (!hasLogic(readFileSync(file, 'utf8'))) continue;
    const test = join(pkg, 'test', relative(src, file).replace(/\.ts$/, '.test.ts'));
    if (!existsSync(test)) missing.push(`${relative(root, file)} → ${relative(root, test)}`);
  }
}
if (missing.length > 0) {
  console.error(
    `test/ does not mirror src/: these modules have no test at the same path:\n  ${missing.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `test layout: every module with logic in ${packages.length} packages has its test beside it in test/`,
);
