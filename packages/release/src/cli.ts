// tenantctl-release: the commands behind `pnpm spec:breaking`, `pnpm version-packages`, `pnpm lint:packages`
// and `pnpm release`. Exit codes: 0 done, 1 refused (the output says why), 2 could not check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPackage } from './check-packages.js';
import { publish } from './publish.js';
import { writeBaseline } from './spec-baseline.js';
import { formatChanges } from './spec-changes.js';
import { bumpForChanges, type GateResult, NoBaselineError, runSpecGate, withBump } from './spec-gate.js';
import { readSpecVersion, syncSpecVersion } from './spec-version.js';
import { publicPackages } from './workspace.js';

const SPEC = 'openapi/tenant.yaml';
const SPEC_PACKAGE = '@tenantctl/schema';
const SPEC_CHANGESET = '.changeset/spec-changes.md';
const BASELINE = 'packages/release/baseline/tenant.yaml';

const usage = `usage: tenantctl-release <command>
  spec-breaking [--changeset]  compare ${SPEC} with ${BASELINE}, the spec as ${SPEC_PACKAGE} was last
                               versioned; refuse breaking changes without their bump in a changeset.
                               --changeset writes ${SPEC_CHANGESET} with the report
  spec-version [--check]       write (or check) the spec's info.version = ${SPEC_PACKAGE}'s version
  spec-baseline                make the spec as it is the baseline (pnpm version-packages runs it)
  check-packages               publint and Are the Types Wrong on every public package (built)
  publish [changeset flags]    publish the public packages that the registry does not have`;

async function workspace() {
  return publicPackages(process.cwd());
}

/** The workspace root and the version of the package that ships the spec, as Changesets reads them. */
async function specPackage(): Promise<{ root: string; version: string }> {
  const { root, packages } = await workspace();
  const found = packages.find((pkg) => pkg.name === SPEC_PACKAGE);
  if (!found) throw new Error(`no package ${SPEC_PACKAGE} in the workspace at ${root}`);
  return { root, version: found.version };
}

function summary(result: GateResult): string {
  const count = (kind: string) => result.changes.filter((change) => change.kind === kind).length;
  return (
    `${SPEC} against ${SPEC_PACKAGE} ${result.baseVersion} (${BASELINE}): ${result.breaking.length} breaking, ${count('non-breaking')} non-breaking, ` +
    `${count('deprecated')} deprecations, ${count('annotation')} annotations, ${count('unclassified')} unclassified`
  );
}

async function specBreaking(args: readonly string[]): Promise<number> {
  const { root, version } = await specPackage();
  let result = await runSpecGate({
    repo: root,
    specFile: join(root, SPEC),
    baselineFile: join(root, BASELINE),
    packageName: SPEC_PACKAGE,
    packageVersion: version,
  });
  console.log(summary(result));
  if (result.breaking.length > 0) console.log(`\nBreaking:\n${formatChanges(result.breaking)}\n`);
  if (args.includes('--changeset')) {
    const bump = bumpForChanges(result);
    if (bump === 'none') {
      console.log('no change to describe: no changeset written');
    } else {
      const text = `---\n"${SPEC_PACKAGE}": ${bump}\n---\n\nThe spec changed since ${SPEC_PACKAGE} ${result.baseVersion} (every change, breaking first):\n\n${formatChanges(result.changes)}\n`;
      writeFileSync(join(root, SPEC_CHANGESET), text);
      console.log(`wrote ${SPEC_CHANGESET} (${bump}); the gate counts it from now on`);
      result = withBump(result, bump);
    }
  }
  if (result.passes) {
    const how =
      result.needed === 'none'
        ? 'nothing breaks'
        : `a pending changeset gives ${SPEC_PACKAGE} a ${result.given} bump (${result.baseVersion} → next)`;
    console.log(`accepted: ${how}`);
    return 0;
  }
  console.log(
    `refused: ${result.breaking.length} breaking change(s) need a ${result.needed} bump of ${SPEC_PACKAGE} ` +
      `(${result.needed === 'minor' ? 'below 1.0 a minor bump is the breaking one' : 'semver'}); the pending changesets give ${result.given}.\n` +
      'Run `pnpm spec:breaking --changeset` to write the changeset with every change, or `pnpm changeset`.',
  );
  return 1;
}

async function specBaseline(): Promise<number> {
  const { root } = await workspace();
  const changed = writeBaseline(join(root, BASELINE), readFileSync(join(root, SPEC), 'utf8'));
  console.log(`${BASELINE} ${changed ? 'is now' : 'is already'} ${SPEC} as it is`);
  return 0;
}

async function specVersion(args: readonly string[]): Promise<number> {
  const { root, version } = await specPackage();
  const specFile = join(root, SPEC);
  if (args.includes('--check')) {
    const written = readSpecVersion(readFileSync(specFile, 'utf8'));
    if (written === version) return 0;
    console.error(
      `${SPEC} info.version is ${written} but ${SPEC_PACKAGE} is ${version}: run pnpm version-packages`,
    );
    return 1;
  }
  console.log(
    syncSpecVersion(specFile, version)
      ? `${SPEC} info.version is now ${version}`
      : `${SPEC} info.version is ${version}`,
  );
  return 0;
}

async function checkPackages(): Promise<number> {
  const { packages } = await workspace();
  const problems = (await Promise.all(packages.map(checkPackage))).flat();
  for (const problem of problems) console.error(problem);
  if (problems.length === 0)
    console.log(
      `package hygiene: ${packages.map((pkg) => pkg.name).join(', ')} pass publint and Are the Types Wrong`,
    );
  return problems.length === 0 ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'spec-breaking':
      return specBreaking(args);
    case 'spec-version':
      return specVersion(args);
    case 'spec-baseline':
      return specBaseline();
    case 'check-packages':
      return checkPackages();
    case 'publish': {
      const { root } = await workspace();
      return publish(root, '@tenantctl', args);
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof NoBaselineError ? error.message : error);
    process.exitCode = 2;
  },
);
