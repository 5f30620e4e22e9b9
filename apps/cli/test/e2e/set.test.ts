import { describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { runCli } from '../support/run-cli.js';

const context = useReferenceServer();

describe('tenantctl set', () => {
  it('sets typed values, shows what changed, and get shows the new values', async () => {
    const result = await runCli(
      [
        'set',
        'enable_audio_recording=true',
        'recording_retention=90',
        'contact_match_type=MATCH_LENGTH',
        'timezone=Asia/Shanghai',
      ],
      { env: context.env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/~ enable_audio_recording +no → yes/);
    expect(result.stdout).toMatch(/~ recording_retention +180 → 90/);
    expect(result.stdout).toMatch(/~ timezone +— → Asia\/Shanghai/);
    expect(result.stderr).toContain('Updated 4 field(s).');
    const get = await runCli(['get', '-o', 'json'], { env: context.env });
    expect(JSON.parse(get.stdout)).toMatchObject({
      enable_audio_recording: true,
      recording_retention: 90,
      contact_match_type: 'MATCH_LENGTH',
      timezone: 'Asia/Shanghai',
    });
  });

  it('KEY= sets an empty string where the field allows one', async () => {
    expect((await runCli(['set', 'website=https://e2e.test'], { env: context.env })).code).toBe(0);
    expect((await runCli(['set', 'website='], { env: context.env })).code).toBe(0);
    expect((await context.server.stored()).website).toBe('');
  });

  it('sends only what changes, and nothing when nothing does', async () => {
    await runCli(['set', 'log_retention=200'], { env: context.env });
    context.server.requests.length = 0;
    const again = await runCli(['set', 'log_retention=200'], { env: context.env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('No changes');
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it('--dry-run shows the diff and sends nothing', async () => {
    const before = await context.server.stored();
    context.server.requests.length = 0;
    const result = await runCli(['set', '--dry-run', 'temp_file_retention=7'], { env: context.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/~ temp_file_retention +30 → 7/);
    expect(result.stderr).toContain('Dry run');
    expect(context.server.requests).toEqual(['GET /api/tenant']);
    expect(await context.server.stored()).toEqual(before);
  });

  // One bad value per kind of rule in the spec: exit 2, the rule named, and nothing reaches the context.server.
  it.each([
    ['type', 'recording_retention=ninety', 'recording_retention: must be an integer'],
    ['minimum', 'recording_retention=0', 'recording_retention: must be >= 1'],
    ['maximum', 'contact_update_interval=43201', 'contact_update_interval: must be <= 43200'],
    [
      'format int32',
      'contact_match_length=2147483648',
      'contact_match_length: must be a whole number from -2147483648',
    ],
    ['minLength', 'name=', 'name: must be at least 1 character(s) long'],
    ['maxLength', `website=${'w'.repeat(256)}`, 'website: must be at most 255 characters long'],
    ['enum', 'contact_append_type=SIDEWAYS', 'contact_append_type: must be one of DISABLE, APPEND, PREPEND'],
    ['time zone', 'timezone=Mars/Phobos', 'timezone: must be one of the 597 allowed values'],
    ['currency', 'currency=usd', 'did you mean "USD"?'],
    ['country', 'region=US', 'region: must be one of the 249 allowed values'],
    ['quota pattern', 'extension_im_disk_quota=100XB', 'extension_im_disk_quota: must match'],
    ['JSON content', 'custom_options={nope', 'custom_options: must be a string holding valid JSON'],
    ['boolean', 'enable_video_recording=yes', 'enable_video_recording: must be a boolean'],
    ['unknown key', 'nmae=Acme', 'nmae: is not a settable field (did you mean "name"?)'],
    ['read-only key', 'max_extensions=5000', 'max_extensions: is read-only and cannot be set'],
  ])('rejects a bad %s (exit 2, nothing sent)', async (_rule, assignment, message) => {
    const before = await context.server.stored();
    context.server.requests.length = 0;
    const result = await runCli(['set', 'name=Valid', assignment], { env: context.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('nothing was sent');
    expect(result.stdout).toBe('');
    expect(context.server.requests).toEqual([]);
    expect(await context.server.stored()).toEqual(before);
  });

  it('lists every violation at once', async () => {
    const result = await runCli(['set', 'recording_retention=0', 'region=US', 'colour=red'], {
      env: context.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.match(/^ {2}- /gm)).toHaveLength(3);
  });

  it('refuses an argument that is not KEY=VALUE (exit 2)', async () => {
    const result = await runCli(['set', 'recording_retention'], { env: context.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not KEY=VALUE');
  });
});
