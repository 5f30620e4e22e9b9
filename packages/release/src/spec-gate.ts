// The breaking-change gate: the spec as it is against the baseline, the spec as @tenantctl/schema was last
// versioned. Breaking changes pass only with the bump that tells consumers so, in a pending changeset;
// `pnpm version-packages` turns the changesets into versions and makes the spec the new baseline.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { pendingBumps } from './pending-bumps.js';
import { atLeast, type Bump, breakingBumpFor } from './semver-bump.js';
import { readBaseline } from './spec-baseline.js';
import { compareSpecs, type SpecChange } from './spec-changes.js';

export interface GateOptions {
  /** The workspace root, where `.changeset/` is. */
  repo: string;
  specFile: string;
  baselineFile: string;
  /** The package that ships the spec, and its version now. */
  packageName: string;
  packageVersion: string;
}

export interface GateResult {
  /** The version of the package the baseline was versioned as. */
  baseVersion: string;
  changes: SpecChange[];
  breaking: SpecChange[];
  needed: Bump;
  /** The bump the pending changesets give the package. */
  given: Bump;
  passes: boolean;
}

/** The gate cannot compare: no baseline, or one that is not of the package's version. */
export class NoBaselineError extends Error {}

export async function runSpecGate(options: GateOptions): Promise<GateResult> {
  const baseline = readBaseline(options.baselineFile);
  if (!baseline) {
    throw new NoBaselineError(
      `no baseline to compare the spec with: ${options.baselineFile} is missing ` +
        '(pnpm version-packages writes it; `pnpm -s release-tool spec-baseline` writes it alone)',
    );
  }
  if (baseline.version !== options.packageVersion) {
    throw new NoBaselineError(
      `the baseline is the spec of ${options.packageName} ${baseline.version} but the package is ` +
        `${options.packageVersion}: pnpm version-packages writes both (run \`pnpm -s release-tool spec-baseline\`)`,
    );
  }
  const after = parse(readFileSync(options.specFile, 'utf8'));
  const changes = compareSpecs(baseline.spec, after);
  const breaking = changes.filter((change) => change.kind === 'breaking');
  const needed: Bump = breaking.length > 0 ? breakingBumpFor(baseline.version) : 'none';
  const pending = (await pendingBumps(options.repo)).get(options.packageName) ?? 'none';
  return withBump(
    { baseVersion: baseline.version, changes, breaking, needed, given: 'none', passes: false },
    pending,
  );
}

/** The result once `bump` is given too (by a pending changeset): the larger bump counts. */
export function withBump(result: GateResult, bump: Bump): GateResult {
  const given = atLeast(result.given, bump) ? result.given : bump;
  return { ...result, given, passes: atLeast(given, result.needed) };
}

/** The bump a changeset describing these changes gives: breaking, a feature (new API), or a fix. */
export function bumpForChanges(result: Pick<GateResult, 'baseVersion' | 'changes' | 'breaking'>): Bump {
  if (result.breaking.length > 0) return breakingBumpFor(result.baseVersion);
  if (result.changes.some((change) => change.kind === 'non-breaking')) {
    return result.baseVersion.startsWith('0.') ? 'patch' : 'minor';
  }
  return result.changes.length > 0 ? 'patch' : 'none';
}
