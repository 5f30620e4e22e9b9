// Tier 2: `set` in-process against the real reference server; what was sent is read from the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/set.js';
import { harness, scratch } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();

async function set(assignments: string[], options: { dryRun?: boolean; stdin?: string } = {}) {
  const h = harness({ env: context.env, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) });
  const code = await run({ assignments, ...(options.dryRun ? { dryRun: true } : {}) }, h.deps);
  return { code, stdout: h.stdout, stderr: h.stderr };
}

/** Runs a `set` that must fail before sending anything, and returns its error. */
async function refused(assignments: string[]) {
  const before = await context.server.stored();
  context.server.requests.length = 0;
  const error = await set(assignments).catch((e: unknown) => e);
  expect(context.server.requests).toEqual([]);
  expect(await context.server.stored()).toEqual(before);
  return error as { exitCode: number; message: string };
}

describe('set', () => {
  it('sets typed values, shows what changed, and sends one POST with If-Match', async () => {
    context.server.requests.length = 0;
    const result = await set([
      'enable_audio_recording=true',
      'recording_retention=90',
      'contact_match_type=MATCH_LENGTH',
      'timezone=Asia/Shanghai',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '~ enable_audio_recording  no → yes',
        '~ recording_retention     180 → 90',
        '~ contact_match_type      MATCH_EXACTLY → MATCH_LENGTH',
        '~ timezone                — → Asia/Shanghai',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('Updated 4 field(s).\n');
    expect(context.server.requests).toEqual(['GET /api/tenant', 'POST /api/tenant']);
    expect(await context.server.stored()).toMatchObject({
      enable_audio_recording: true,
      recording_retention: 90,
      contact_match_type: 'MATCH_LENGTH',
      timezone: 'Asia/Shanghai',
    });
  });

  it('KEY= sets an empty string where the field allows one', async () => {
    expect((await set(['website=https://e2e.test'])).code).toBe(0);
    expect((await set(['website='])).code).toBe(0);
    expect((await context.server.stored()).website).toBe('');
  });

  it('sends only what changes, and nothing when nothing does', async () => {
    await set(['log_retention=200']);
    context.server.requests.length = 0;
    const again = await set(['log_retention=200', 'name=E2E Tenant']);
    expect(again).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No changes: the tenant already has these settings.\n',
    });
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it('--dry-run shows the diff and sends nothing', async () => {
    const before = await context.server.stored();
    context.server.requests.length = 0;
    const result = await set(['temp_file_retention=7'], { dryRun: true });
    expect(result).toEqual({
      code: 0,
      stdout: '~ temp_file_retention  30 → 7\n',
      stderr: 'Dry run: 1 change(s) shown, nothing sent.\n',
    });
    expect(context.server.requests).toEqual(['GET /api/tenant']);
    expect(await context.server.stored()).toEqual(before);
  });

  it('takes a secret from a file or standard input, and never shows it', async () => {
    const file = join(scratch, 'key.pem');
    writeFileSync(file, '-----BEGIN PRIVATE KEY-----\nFROM-FILE\n-----END PRIVATE KEY-----\n');
    const fromFile = await set([`stir_shaken_key=@${file}`]);
    expect(fromFile.stdout).toBe('~ stir_shaken_key  — → <redacted>\n');
    expect((await context.server.stored()).stir_shaken_key).toContain('FROM-FILE');
    const fromStdin = await set(['stir_shaken_key=@-'], { stdin: 'FROM-STDIN' });
    expect(fromStdin.stdout).toBe('~ stir_shaken_key  <redacted> → <redacted>\n');
    expect((await context.server.stored()).stir_shaken_key).toBe('FROM-STDIN');
  });

  it.each([
    [
      'a secret in argv',
      ['stir_shaken_key=PLAINTEXT'],
      'stir_shaken_key is a secret: give it as stir_shaken_key=@FILE or stir_shaken_key=@- (standard input), never on the command line',
    ],
    [
      'a secret file that is missing',
      ['stir_shaken_key=@/nonexistent/key'],
      'cannot read stir_shaken_key from /nonexistent/key: no such file',
    ],
    ['no assignment', [], 'give at least one KEY=VALUE, e.g. tenantctl set recording_retention=90'],
    [
      'an argument that is not KEY=VALUE',
      ['recording_retention'],
      '"recording_retention" is not KEY=VALUE (KEY= sets an empty string)',
    ],
  ])('refuses %s (exit 2, nothing sent)', async (_what, assignments, message) => {
    expect(await refused(assignments)).toMatchObject({ exitCode: 2, message });
  });

  // One bad value per kind of rule in the spec: exit 2, the rule named, and nothing reaches the server.
  it.each([
    ['type', 'recording_retention=ninety', 'recording_retention: must be an integer'],
    ['a fraction', 'recording_retention=1.5', 'recording_retention: must be an integer'],
    ['minimum', 'recording_retention=0', 'recording_retention: must be >= 1'],
    ['minimum 0', 'contact_match_length=-1', 'contact_match_length: must be >= 0'],
    ['maximum', 'contact_update_interval=43201', 'contact_update_interval: must be <= 43200'],
    [
      'format int32',
      'contact_match_length=2147483648',
      'contact_match_length: must be a whole number from -2147483648 to 2147483647 (int32)',
    ],
    ['minLength', 'name=', 'name: must be at least 1 character(s) long'],
    ['maxLength', `website=${'w'.repeat(256)}`, 'website: must be at most 255 characters long'],
    ['enum', 'contact_append_type=SIDEWAYS', 'contact_append_type: must be one of DISABLE, APPEND, PREPEND'],
    [
      'time zone',
      'timezone=Europe/Berlinn',
      'timezone: must be one of the 597 allowed values (The IANA Time Zone names, such as "Asia/Shanghai") (did you mean "Europe/Berlin"?)',
    ],
    ['currency', 'currency=usd', 'currency: must be one of the 180 allowed values'],
    ['country', 'region=US', 'region: must be one of the 249 allowed values'],
    ['quota pattern', 'extension_im_disk_quota=100XB', 'extension_im_disk_quota: must match'],
    ['control character', 'domain=a\tb', 'domain: must match ^[^\\u0000-\\u001F\\u007F-\\u009F]*$'],
    ['JSON content', 'custom_options={nope', 'custom_options: must be a string holding valid JSON'],
    ['boolean', 'enable_video_recording=yes', 'enable_video_recording: must be a boolean (true or false)'],
    ['unknown key', 'nmae=Acme', 'nmae: is not a settable field (did you mean "name"?)'],
    ['read-only key', 'max_extensions=5000', 'max_extensions: is read-only and cannot be set'],
  ])('refuses a bad %s (exit 2, nothing sent)', async (_rule, assignment, message) => {
    const error = await refused(['name=Valid', assignment]);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^invalid settings, nothing was sent:\n {2}- /);
    expect(error.message.split('\n')).toHaveLength(2); // one violation: the valid name is no violation
    expect(error.message).toContain(`  - ${message}`);
  });

  it('lists every violation at once', async () => {
    const error = await refused(['recording_retention=0', 'region=US', 'colour=red']);
    expect(error.message.split('\n').slice(1)).toEqual([
      '  - colour: is not a settable field',
      '  - region: must be one of the 249 allowed values (A valid country code based on iso3166-1 alpha-3 standard), e.g. "USA"',
      '  - recording_retention: must be >= 1',
    ]);
  });
});
