import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../bin/tenantctl-release.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

describe('tenantctl-release', () => {
  it('prints its commands and exits 2 for an unknown one', () => {
    const result = run('nonsense');
    expect(result.stderr).toContain('usage: tenantctl-release <command>');
    expect(result.stderr).toContain('spec-breaking [--changeset]');
    expect(result.status).toBe(2);
  });

  it("spec-version --check passes on the repository: the spec's info.version is @tenantctl/schema's", () => {
    const result = run('spec-version', '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
