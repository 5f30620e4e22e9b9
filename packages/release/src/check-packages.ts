// Package hygiene of every public package as it would be published: publint (exports, files, fields)
// and Are the Types Wrong (types resolve under node16 and bundler; the packages are ESM only).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type { PublicPackage } from './workspace.js';

const require = createRequire(import.meta.url);

/** The problems found, one line each (none: the packages are fine). */
export async function checkPackage(pkg: PublicPackage): Promise<string[]> {
  const problems: string[] = [];
  const { messages, pkg: manifest } = await publint({ pkgDir: pkg.dir, level: 'suggestion', strict: true });
  for (const message of messages) {
    problems.push(
      `${pkg.name}: publint ${message.type}: ${formatMessage(message, manifest, { color: false }) ?? message.code}`,
    );
  }
  const attw = require
    .resolve('@arethetypeswrong/cli/package.json')
    .replace(/package\.json$/, 'dist/index.js');
  const run = spawnSync(
    process.execPath,
    [attw, '--pack', pkg.dir, '--profile', 'esm-only', '--format', 'ascii'],
    // Plain text whatever the terminal: these lines are read in logs.
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  );
  if (run.status !== 0) problems.push(`${pkg.name}: Are the Types Wrong:\n${run.stdout}${run.stderr}`);
  return problems;
}
