// Prints the README's mutation table from the reports of the last `pnpm mutation` (Stryker's JSON report
// in each package), with the date each report was written: the table is never typed by hand.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packages = [
  ['packages/schema', '`packages/schema`', 85],
  ['packages/client', '`packages/client`', 85],
  ['apps/cli', '`apps/cli`', 75],
  ['apps/server', '`apps/server` (auth, storage, tenants)', 85],
];

/** Stryker's score: killed and timed out over every mutant that ran or had no test (ignored ones aside). */
function score(files, keep = () => true, keepMutant = () => true) {
  let detected = 0;
  let total = 0;
  for (const [name, file] of Object.entries(files)) {
    if (!keep(name)) continue;
    for (const mutant of file.mutants) {
      if (!keepMutant(name, mutant, file)) continue;
      const { status } = mutant;
      if (status === 'Ignored' || status === 'CompileError' || status === 'RuntimeError') continue;
      total++;
      if (status === 'Killed' || status === 'Timeout') detected++;
    }
  }
  return { total, percent: total === 0 ? 0 : (100 * detected) / total };
}

/** The store written once for both engines, and the SQLite room around it. */
const storeCore = (file) =>
  /^src\/storage\/(store-core|auth-store-core|sql-dialect|sql-session|sqlite-store)\.ts$/.test(file);

/** A mutant in the PostgreSQL dialect, which only the PostgreSQL store runs (not in the mutation run). */
function postgresOnly(file, mutant, source) {
  if (file !== 'src/storage/sql-dialect.ts') return false;
  const start = source.source
    .split('\n')
    .findIndex((text) => text.startsWith('export const postgresDialect'));
  return start >= 0 && mutant.location.start.line > start;
}

const rows = [['package', 'modules', 'mutants', 'score', 'target', 'report written']];
for (const [dir, label, target] of packages) {
  const path = join(dir, 'reports/mutation/mutation.json');
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    rows.push([label, '—', '—', 'no report', `≥ ${target}%`, '—']);
    continue;
  }
  const written = statSync(path).mtime.toISOString().slice(0, 10);
  const all = score(report.files);
  const modules = String(Object.keys(report.files).length);
  rows.push([
    label,
    modules,
    all.total.toLocaleString('en'),
    `**${all.percent.toFixed(1)}%**`,
    `≥ ${target}%`,
    written,
  ]);
  // The session code, as the sign-in issue asked: its own rows under the client and the CLI.
  const parts =
    dir === 'packages/client'
      ? [['↳ `src/session/`', (file) => file.startsWith('src/session/')]]
      : dir === 'apps/cli'
        ? [
            ['↳ sign-in', (file) => /^src\/(commands\/auth|profile-session|terminal-prompter)/.test(file)],
            ['↳ `doctor`', (file) => /^src\/(commands\/)?doctor/.test(file)],
          ]
        : dir === 'apps/server'
          ? [
              [
                '↳ store core (both engines)',
                storeCore,
                (file, mutant, source) => !postgresOnly(file, mutant, source),
              ],
              ['↳ its PostgreSQL-only lines', storeCore, postgresOnly],
            ]
          : [];
  for (const [name, keep, keepMutant] of parts) {
    const part = score(report.files, keep, keepMutant);
    const files = Object.entries(report.files).filter(
      ([file, source]) =>
        keep(file) && source.mutants.some((mutant) => !keepMutant || keepMutant(file, mutant, source)),
    ).length;
    if (part.total > 0)
      rows.push([
        name,
        String(files),
        part.total.toLocaleString('en'),
        `${part.percent.toFixed(1)}%`,
        '',
        '',
      ]);
  }
}

const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows.slice(1)) console.log(line(row));
