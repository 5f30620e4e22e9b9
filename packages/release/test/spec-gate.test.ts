// `tenantctl-release spec-breaking` (pnpm spec:breaking) run as a process in a small workspace: a
// baseline written by `spec-baseline`, then a change to the spec, with and without the bump it needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath } from '@tenantctl/schema/spec-file';
import { afterEach, describe, expect, it } from 'vitest';
import { withSpecVersion } from '../src/spec-version.js';

const cli = fileURLToPath(new URL('../bin/tenantctl-release.js', import.meta.url));
const changesetConfig = fileURLToPath(new URL('../../../.changeset/config.json', import.meta.url));
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function setVersion(repo: string, version: string) {
  writeFileSync(
    join(repo, 'packages/schema/package.json'),
    JSON.stringify({ name: '@tenantctl/schema', version }),
  );
  const spec = join(repo, 'openapi/tenant.yaml');
  writeFileSync(spec, withSpecVersion(readFileSync(spec, 'utf8'), version));
}

function run(repo: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { status: child.status, out: child.stdout + child.stderr };
}

/** A workspace whose @tenantctl/schema was versioned as `version`, with its baseline unless told not to. */
function workspace(version: string, baseline = true): string {
  const repo = mkdtempSync(join(tmpdir(), 'spec-gate-'));
  dirs.push(repo);
  mkdirSync(join(repo, 'openapi'));
  mkdirSync(join(repo, 'packages/schema'), { recursive: true });
  mkdirSync(join(repo, '.changeset'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'fixture', private: true }));
  writeFileSync(join(repo, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  writeFileSync(join(repo, '.changeset/config.json'), readFileSync(changesetConfig));
  writeFileSync(join(repo, 'openapi/tenant.yaml'), readFileSync(specPath));
  setVersion(repo, version);
  if (baseline) expect(run(repo, 'spec-baseline').status).toBe(0);
  return repo;
}

/** Tightens the bound of a request field: a breaking change. */
function tightenName(repo: string) {
  const file = join(repo, 'openapi/tenant.yaml');
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/(\n {8}name:\n(?: {10}.*\n)*? {10}maxLength: )1024/, '$1512');
  expect(next).not.toBe(text);
  writeFileSync(file, next);
}

function addChangeset(repo: string, name: string, bump: string) {
  writeFileSync(join(repo, `.changeset/${name}.md`), `---\n"@tenantctl/schema": ${bump}\n---\n\nA change.\n`);
}

function gate(repo: string, ...args: string[]) {
  return run(repo, 'spec-breaking', ...args);
}

describe('spec-breaking', () => {
  it('accepts a spec that did not change', () => {
    const result = gate(workspace('0.3.0'));
    expect(result.out).toContain(
      'against @tenantctl/schema 0.3.0 (packages/release/baseline/tenant.yaml): 0 breaking',
    );
    expect(result.out).toContain('accepted: nothing breaks');
    expect(result.status).toBe(0);
  });

  it('refuses a breaking change without its bump, listing it, and accepts it with a minor changeset below 1.0', () => {
    const repo = workspace('0.3.0');
    tightenName(repo);
    const refused = gate(repo);
    expect(refused.status).toBe(1);
    // The name is taken by POST /tenant and, since the tenant collection, by POST /tenants too.
    expect(refused.out).toContain('2 breaking');
    expect(refused.out).toMatch(/- \*\*breaking\*\* `POST \/tenant`: .*maxLength.*`name`/);
    expect(refused.out).toMatch(/- \*\*breaking\*\* `POST \/tenants`: .*maxLength.*`name`/);
    expect(refused.out).toContain('refused: 2 breaking change(s) need a minor bump of @tenantctl/schema');

    addChangeset(repo, 'small-fix', 'patch');
    expect(gate(repo).status).toBe(1);

    addChangeset(repo, 'shorter-names', 'minor');
    const accepted = gate(repo);
    expect(accepted.out).toContain('accepted: a pending changeset gives @tenantctl/schema a minor bump');
    expect(accepted.status).toBe(0);
  });

  it('needs a major changeset from 1.0 on', () => {
    const repo = workspace('1.2.0');
    tightenName(repo);
    addChangeset(repo, 'shorter-names', 'minor');
    const refused = gate(repo);
    expect(refused.out).toContain('need a major bump');
    expect(refused.status).toBe(1);
    addChangeset(repo, 'shorter-names', 'major');
    expect(gate(repo).status).toBe(0);
  });

  it('after the version step (a new version, the spec its new baseline) compares with that version', () => {
    const repo = workspace('0.3.0');
    tightenName(repo);
    setVersion(repo, '0.4.0');
    const stale = gate(repo);
    expect(stale.out).toContain(
      'the baseline is the spec of @tenantctl/schema 0.3.0 but the package is 0.4.0: pnpm version-packages writes both',
    );
    expect(stale.status).toBe(2);

    expect(run(repo, 'spec-baseline').out).toContain('packages/release/baseline/tenant.yaml is now');
    expect(run(repo, 'spec-baseline').out).toContain('is already');
    const accepted = gate(repo);
    expect(accepted.out).toContain('against @tenantctl/schema 0.4.0');
    expect(accepted.out).toContain('accepted: nothing breaks');
    expect(accepted.status).toBe(0);
  });

  it('--changeset writes the changeset with every change, and the gate counts it', () => {
    const repo = workspace('0.3.0');
    tightenName(repo);
    const written = gate(repo, '--changeset');
    expect(written.status).toBe(0);
    const changeset = readFileSync(join(repo, '.changeset/spec-changes.md'), 'utf8');
    expect(changeset).toMatch(/^---\n"@tenantctl\/schema": minor\n---\n/);
    expect(changeset).toMatch(
      /The spec changed since @tenantctl\/schema 0\.3\.0.*\n\n- \*\*breaking\*\* `POST \/tenant`: .*maxLength/s,
    );
    expect(gate(repo).status).toBe(0);
  });

  it('cannot check without a baseline, and says how to write one (exit 2)', () => {
    const repo = workspace('0.3.0', false);
    const result = gate(repo);
    expect(result.out).toContain('no baseline to compare the spec with');
    expect(result.out).toContain('spec-baseline');
    expect(result.status).toBe(2);
    expect(existsSync(join(repo, 'packages/release/baseline/tenant.yaml'))).toBe(false);
  });
});
