// Tier 2: `apply` in-process against the real reference server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/apply.js';
import { run as get } from '../../src/commands/get.js';
import { harness, scratch } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();

const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

async function apply(options: { file: string; dryRun?: boolean; dropReadOnly?: boolean }, stdin?: string) {
  const h = harness({ env: context.env, ...(stdin === undefined ? {} : { stdin }) });
  const code = await run(options, h.deps);
  return { code, stdout: h.stdout, stderr: h.stderr };
}

describe('apply', () => {
  it('applies a YAML file, sending only the fields that change', async () => {
    const settings = file(
      'settings.yaml',
      'name: E2E Tenant\nrecording_retention: 60\ncontact_append_type: APPEND\n',
    );
    context.server.requests.length = 0;
    const applied = await apply({ file: settings });
    expect(applied).toEqual({
      code: 0,
      stdout: '~ recording_retention  180 → 60\n~ contact_append_type  DISABLE → APPEND\n',
      stderr: 'Updated 2 field(s).\n',
    });
    expect(context.server.requests).toEqual(['GET /api/tenant', 'POST /api/tenant']);
    expect(await context.server.stored()).toMatchObject({
      recording_retention: 60,
      contact_append_type: 'APPEND',
    });
  });

  it('reads JSON from standard input with -f -, a null meaning "leave as is"', async () => {
    const result = await apply({ file: '-' }, '{"temp_file_retention": 14, "website": null}');
    expect(result.code).toBe(0);
    expect(await context.server.stored()).toMatchObject({ temp_file_retention: 14, website: null });
  });

  it('--dry-run shows the diff and sends nothing', async () => {
    context.server.requests.length = 0;
    const result = await apply({ file: '-', dryRun: true }, 'call_report_retention: 99\n');
    expect(result.stdout).toBe('~ call_report_retention  30 → 99\n');
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it('names read-only keys and says how to proceed; --drop-read-only makes get -o yaml round-trip', async () => {
    const dump = harness({ env: context.env });
    await get({ output: 'yaml' }, dump.deps);
    await expect(apply({ file: '-' }, dump.stdout)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /^standard input holds read-only fields, which cannot be set: id, enable_billing, .*max_extensions.*\.\nA file made with `tenantctl get -o yaml` has them: remove them, or pass --drop-read-only to ignore them\.$/,
      ),
    });
    const roundTrip = await apply({ file: '-', dropReadOnly: true }, dump.stdout);
    expect(roundTrip.code).toBe(0);
    expect(roundTrip.stderr).toBe(
      'Ignoring 21 read-only field(s): id, enable_billing, enable_feature_billing, enable_feature_call_statistics, enable_feature_contact_center, enable_feature_message_channels, enable_feature_microsoft_teams, enable_feature_trunks, enable_feature_whats_app, max_extensions, max_concurrent_calls, max_ring_groups, max_virtual_receptionists, max_call_queues, max_conference_rooms, disk_quota, used_disk_quota, im_disk_quota, avatar_file_name, avatar_file_size, avatar_file_url\nNo changes: the tenant already has these settings.\n',
    );
  });

  it('says "no changes" for a file of nulls only, sending nothing but the read', async () => {
    context.server.requests.length = 0;
    expect((await apply({ file: '-' }, 'website: null\n')).stderr).toBe(
      'No changes: the tenant already has these settings.\n',
    );
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it.each([
    [
      'an unknown key',
      'colour: red\n',
      'invalid settings in FILE, nothing was sent:\n  - colour: is not a settable field',
    ],
    [
      'a bad value',
      'recording_retention: 0\n',
      'invalid settings in FILE, nothing was sent:\n  - recording_retention: must be >= 1',
    ],
    ['malformed YAML', 'name: [unclosed\n', 'FILE is not valid YAML or JSON: '],
    ['malformed JSON', '{"name": "x",', 'FILE is not valid YAML or JSON: '],
    ['a list, not a mapping', '- name\n', 'FILE must hold a mapping of field names to values'],
    ['a scalar', '42\n', 'FILE must hold a mapping of field names to values'],
  ])('refuses %s (exit 2, nothing sent)', async (_what, text, message) => {
    const path = file('bad.yaml', text);
    context.server.requests.length = 0;
    const error = (await apply({ file: path }).catch((e: unknown) => e)) as {
      exitCode: number;
      message: string;
    };
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(message.replaceAll('FILE', path))).toBe(true);
    expect(context.server.requests).toEqual([]);
  });

  it('shows where a file is broken: the line, and a caret under the spot', async () => {
    const path = file('broken.yaml', 'name: Acme\ntags: [a,\nrecording_retention: 90\n');
    await expect(apply({ file: path })).rejects.toMatchObject({
      exitCode: 2,
      message: `${path} is not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1:\n  tags: [a,\n  recording_retention: 90\n  ^`,
    });
  });

  it('refuses a file that does not exist, saying so in words (exit 2)', async () => {
    await expect(apply({ file: join(scratch, 'missing.yaml') })).rejects.toMatchObject({
      exitCode: 2,
      message: `cannot read ${join(scratch, 'missing.yaml')}: no such file`,
    });
  });
});
