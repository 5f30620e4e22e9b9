import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHoldingProxy } from '../support/holding-proxy.js';
import { useReferenceServer } from '../support/reference-server.js';
import { runCli } from '../support/run-cli.js';

const context = useReferenceServer();

const dir = mkdtempSync(join(tmpdir(), 'tenantctl-files-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tenantctl apply and diff', () => {
  it('applies a YAML file, sending only the fields that change; diff then reports nothing', async () => {
    const settings = file(
      'settings.yaml',
      'name: E2E Tenant\nrecording_retention: 60\ncontact_append_type: APPEND\n',
    );
    context.server.requests.length = 0;
    const applied = await runCli(['apply', '-f', settings], { env: context.env });
    expect(applied.code).toBe(0);
    expect(applied.stdout).not.toContain('name');
    expect(applied.stdout).toMatch(/~ recording_retention +180 → 60/);
    expect(context.server.requests).toEqual(['GET /api/tenant', 'POST /api/tenant']);
    const diff = await runCli(['diff', '-f', settings], { env: context.env });
    expect(diff).toMatchObject({ code: 0, stdout: '' });
  });

  it('diff exits 1 and shows the drift when something would change; JSON works too', async () => {
    const settings = file('drift.json', '{"log_retention": 400}');
    const diff = await runCli(['diff', '-f', settings], { env: context.env });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/~ log_retention +180 → 400/);
  });

  it('reads the file from standard input with -f -', async () => {
    const result = await runCli(['apply', '-f', '-'], {
      env: context.env,
      stdin: '{"temp_file_retention": 14}',
    });
    expect(result.code).toBe(0);
    expect((await context.server.stored()).temp_file_retention).toBe(14);
  });

  it('--dry-run shows the diff and sends nothing', async () => {
    context.server.requests.length = 0;
    const result = await runCli(['apply', '--dry-run', '-f', '-'], {
      env: context.env,
      stdin: 'call_report_retention: 99\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/call_report_retention +30 → 99/);
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it('names read-only keys and says how to proceed; --drop-read-only makes get -o yaml round-trip', async () => {
    const dump = await runCli(['get', '-o', 'yaml'], { env: context.env });
    const refused = await runCli(['apply', '-f', '-'], { env: context.env, stdin: dump.stdout });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /read-only fields, which cannot be set: id, enable_billing, .*max_extensions/,
    );
    expect(refused.stderr).toContain('--drop-read-only');
    const roundTrip = await runCli(['apply', '--drop-read-only', '-f', '-'], {
      env: context.env,
      stdin: dump.stdout,
    });
    expect(roundTrip.code).toBe(0);
    expect(roundTrip.stderr).toContain('No changes');
    expect(
      (await runCli(['diff', '--drop-read-only', '-f', '-'], { env: context.env, stdin: dump.stdout })).code,
    ).toBe(0);
  });

  it.each([
    ['an unknown key', 'colour: red\n', 'colour: is not a settable field'],
    ['a bad value', 'recording_retention: 0\n', 'recording_retention: must be >= 1'],
    ['malformed YAML', 'name: [unclosed\n', 'is not valid YAML or JSON'],
    ['malformed JSON', '{"name": "x",', 'is not valid YAML or JSON'],
    ['a list, not a mapping', '- name\n', 'must hold a mapping'],
  ])('refuses %s (exit 2, nothing sent)', async (_what, text, message) => {
    context.server.requests.length = 0;
    const result = await runCli(['apply', '-f', file('bad.yaml', text)], { env: context.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(context.server.requests).toEqual([]);
  });

  it('refuses a file that does not exist (exit 2)', async () => {
    const result = await runCli(['apply', '-f', join(dir, 'missing.yaml')], { env: context.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ENOENT');
  });

  it('two applies racing from the same state: one wins, the other fails with a conflict, nothing overwritten', async () => {
    const proxy = await startHoldingProxy(context.server.url, 2);
    try {
      const raceEnv = { ...context.env, TENANTCTL_URL: proxy.url };
      const [first, second] = await Promise.all([
        runCli(['apply', '-f', '-'], { env: raceEnv, stdin: 'name: Written by A\n' }),
        runCli(['apply', '-f', '-'], { env: raceEnv, stdin: 'name: Written by B\n' }),
      ]);
      const results = [first, second].sort((x, y) => (x.code ?? 0) - (y.code ?? 0));
      expect(results.map((r) => r.code)).toEqual([0, 1]);
      expect(results[1]?.stderr).toContain(
        'conflict: the tenant was changed by someone else since it was read',
      );
      const winner = results[0] === first ? 'Written by A' : 'Written by B';
      expect((await context.server.stored()).name).toBe(winner);
    } finally {
      await proxy.close();
    }
  });
});
