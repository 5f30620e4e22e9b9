// `tenantctl-release spec-breaking` (pnpm spec:breaking) run as a process in a small workspace with its
// own git history: a release tag, then a change to the spec, with and without the bump it needs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specPath } from '@tenantctl/schema/spec-file';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../bin/tenantctl-release.js', import.meta.url));
const changesetConfig = fileURLToPath(new URL('../../../.changeset/config.json', import.meta.url));
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function git(repo: string, ...args: string[]) {
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {
    stdio: 'pipe',
  });
}

function setVersion(repo: string, version: string) {
  writeFileSync(
    join(repo, 'packages/schema/package.json'),
    JSON.stringify({ name: '@tenantctl/schema', version }),
  );
}

/** A workspace whose @tenantctl/schema was released as `released` (tagged, unless `tag` is false). */
function workspace(released: string, tag = true): string {
  const repo = mkdtempSync(join(tmpdir(), 'spec-gate-'));
  dirs.push(repo);
  mkdirSync(join(repo, 'openapi'));
  mkdirSync(join(repo, 'packages/schema'), { recursive: true });
  mkdirSync(join(repo, '.changeset'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'fixture', private: true }));
  writeFileSync(join(repo, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  writeFileSync(join(repo, '.changeset/config.json'), readFileSync(changesetConfig));
  writeFileSync(join(repo, 'openapi/tenant.yaml'), readFileSync(specPath));
  setVersion(repo, released);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'release');
  if (tag) git(repo, 'tag', `@tenantctl/schema@${released}`);
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
  const run = spawnSync(process.execPath, [cli, 'spec-breaking', ...args], { cwd: repo, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('spec-breaking', () => {
  it('accepts a spec that did not change', () => {
    const result = gate(workspace('0.3.0'));
    expect(result.out).toContain('against @tenantctl/schema@0.3.0: 0 breaking');
    expect(result.out).toContain('accepted: nothing breaks');
    expect(result.status).toBe(0);
  });

  it('refuses a breaking change without its bump, listing it, and accepts it with a minor changeset below 1.0', () => {
    const repo = workspace('0.3.0');
    tightenName(repo);
    const refused = gate(repo);
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('1 breaking');
    expect(refused.out).toMatch(/- \*\*breaking\*\* `POST \/tenant`: .*maxLength.*`name`/);
    expect(refused.out).toContain('refused: 1 breaking change(s) need a minor bump of @tenantctl/schema');

    addChangeset(repo, 'small-fix', 'patch');
    expect(gate(repo).status).toBe(1);

    addChangeset(repo, 'shorter-names', 'minor');
    const accepted = gate(repo);
    expect(accepted.out).toContain('accepted: @tenantctl/schema gets a minor bump');
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

  it('accepts a breaking change already versioned (pnpm version-packages ran)', () => {
    const repo = workspace('0.3.0');
    tightenName(repo);
    setVersion(repo, '0.4.0');
    const accepted = gate(repo);
    expect(accepted.out).toContain('accepted: @tenantctl/schema gets a minor bump (0.3.0 → 0.4.0)');
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
      /The spec changed since @tenantctl\/schema@0\.3\.0.*\n\n- \*\*breaking\*\* `POST \/tenant`: .*maxLength/s,
    );
    expect(gate(repo).status).toBe(0);
  });

  it('cannot check without a release tag, and says how to get one (exit 2)', () => {
    const result = gate(workspace('0.3.0', false));
    expect(result.out).toContain('no release of @tenantctl/schema to compare with');
    expect(result.out).toContain('git fetch --tags');
    expect(result.status).toBe(2);
  });
});
