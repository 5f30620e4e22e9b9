// The breaking-change gate: the spec as it is against the spec of the last release of the package that
// ships it. Breaking changes pass only with the bump that tells consumers so, in a pending changeset
// or already made by `pnpm version-packages`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fileAt, lastRelease, type Release } from './last-release.js';
import { pendingBumps } from './pending-bumps.js';
import { atLeast, type Bump, breakingBumpFor, bumpBetween } from './semver-bump.js';
import { compareSpecs, type SpecChange } from './spec-changes.js';

export interface GateOptions {
  repo: string;
  /** The spec, relative to `repo`. */
  specPath: string;
  /** The package that ships the spec; its tags mark the releases. */
  packageName: string;
  packageDir: string;
}

export interface GateResult {
  release: Release;
  version: string;
  changes: SpecChange[];
  breaking: SpecChange[];
  needed: Bump;
  /** The larger of the bump a pending changeset gives and the bump already made since the release. */
  given: Bump;
  passes: boolean;
}

export class NoReleaseError extends Error {}

export function packageVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function runSpecGate(options: GateOptions): Promise<GateResult> {
  const release = lastRelease(options.repo, options.packageName);
  if (!release) {
    throw new NoReleaseError(
      `no release of ${options.packageName} to compare with: no tag ${options.packageName}@* in the history of HEAD ` +
        '(a shallow clone, or tags not fetched: git fetch --tags)',
    );
  }
  const before = parse(fileAt(options.repo, release, options.specPath));
  const after = parse(readFileSync(join(options.repo, options.specPath), 'utf8'));
  const changes = compareSpecs(before, after);
  const breaking = changes.filter((change) => change.kind === 'breaking');
  const version = packageVersion(options.packageDir);
  const needed: Bump = breaking.length > 0 ? breakingBumpFor(release.version) : 'none';
  const versioned = bumpBetween(release.version, version);
  const pending = (await pendingBumps(options.repo)).get(options.packageName) ?? 'none';
  return withBump({ release, version, changes, breaking, needed, given: versioned, passes: false }, pending);
}

/** The result once `bump` is given too (by a pending changeset): the larger bump counts. */
export function withBump(result: GateResult, bump: Bump): GateResult {
  const given = atLeast(result.given, bump) ? result.given : bump;
  return { ...result, given, passes: atLeast(given, result.needed) };
}

/** The bump a changeset describing these changes gives: breaking, a feature (new API), or a fix. */
export function bumpForChanges(result: Pick<GateResult, 'release' | 'changes' | 'breaking'>): Bump {
  if (result.breaking.length > 0) return breakingBumpFor(result.release.version);
  if (result.changes.some((change) => change.kind === 'non-breaking')) {
    return result.release.version.startsWith('0.') ? 'patch' : 'minor';
  }
  return result.changes.length > 0 ? 'patch' : 'none';
}
