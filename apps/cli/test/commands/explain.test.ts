// Tier 2: `explain`, from the spec alone (no server).
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/explain.js';
import { harness } from '../support/harness.js';

async function explain(field?: string, values = false, tenant?: string) {
  const h = harness();
  const code = await run(
    {
      ...(field === undefined ? {} : { field }),
      ...(values ? { values } : {}),
      ...(tenant === undefined ? {} : { tenant }),
    },
    h.deps,
  );
  return { code, stdout: h.stdout };
}

describe('explain', () => {
  it('describes a field from the spec', async () => {
    expect(await explain('contact_update_interval')).toEqual({
      code: 0,
      stdout: [
        'contact_update_interval',
        'The interval for synchronizing contacts from the server, in minutes.',
        '',
        'type        integer (uint32)',
        'can be set  yes (tenantctl set / apply)',
        'bounds      ≥ 1, ≤ 43200',
        'default     720',
        '',
      ].join('\n'),
    });
  });

  it.each([
    ['contact_match_type', /\nvalues +DISABLE, MATCH_EXACTLY, MATCH_LENGTH\n/],
    ['max_extensions', /\ncan be set +no, read-only here; a SystemAdmin or a Dealer sets it with --tenant\n/],
    ['used_disk_quota', /\ncan be set +no, read-only\n/],
    ['cdr_event', /\nsecrets +password, token: shown as <redacted>, set only from @FILE\n/],
    ['max_extensions', /\nbounds +≥ 0\n/],
    [
      'timezone',
      /\nvalues +597 values \(TimeZone\), e\.g\. Africa\/Abidjan, Africa\/Accra, Africa\/Addis_Ababa… \(all: tenantctl explain timezone --values\)\n/,
    ],
    ['name', /\nbounds +at least 1 characters, at most 1024 characters\n/],
    ['extension_im_disk_quota', /\npattern +\^\(\?:\[1-9\]/],
    ['custom_options', /\ncontent +a string holding application\/json\n/],
    ['recording_retention', /\nexample +90\n/],
  ])('%s shows %s', async (field, pattern) => {
    expect((await explain(field)).stdout).toMatch(pattern);
  });

  it('shows that a secret is one, and never its example', async () => {
    const { stdout } = await explain('stir_shaken_key');
    expect(stdout).toMatch(/\nsecret +yes: shown as <redacted> unless --show-secrets\n/);
    expect(stdout).not.toMatch(/\nexample/);
    expect(stdout).not.toContain('(password)');
  });

  it('with --tenant, describes what set --tenant can change, without asking any server', async () => {
    expect((await explain('max_extensions', false, 'acme')).stdout).toMatch(
      /\ncan be set +yes \(tenantctl set --tenant ID\|NAME\)\n/,
    );
    expect((await explain('name', false, 'acme')).stdout).toMatch(/\ncan be set +no, not by id\n/);
    const lines = (await explain(undefined, false, 'acme')).stdout.trim().split('\n');
    expect(lines).toHaveLength(53); // what GET /tenants/{id} returns
    expect(lines.find((l) => l.startsWith('enabled '))).toMatch(/ settable {2}/);
    expect(lines.find((l) => l.startsWith('name '))).toMatch(/ read-only {2}/);
  });

  it('lists every field of /tenant with one line each', async () => {
    const lines = (await explain()).stdout.trim().split('\n');
    expect(lines).toHaveLength(51); // the 50 of GET /tenant, and avatar_file_id, which POST sets
    expect(lines.find((l) => l.startsWith('max_extensions '))).toMatch(
      /^max_extensions +integer \(int32\) +read-only +The maximum number of users that the tenant is allowed to create$/,
    );
    expect(lines.find((l) => l.startsWith('avatar_file_id '))).toMatch(/ settable {2}/);
  });

  it('--values lists every value of the field, one per line, from the spec', async () => {
    const { code, stdout } = await explain('timezone', true);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(597);
    expect(lines.slice(0, 2)).toEqual(['Africa/Abidjan', 'Africa/Accra']);
    expect(lines).toContain('Europe/Berlin');
    expect((await explain('contact_match_type', true)).stdout).toBe('DISABLE\nMATCH_EXACTLY\nMATCH_LENGTH\n');
  });

  it('--values refuses a field without a list of values, and no field at all', async () => {
    await expect(explain('name', true)).rejects.toMatchObject({
      exitCode: 2,
      message: 'name takes no list of values (tenantctl explain name)',
    });
    await expect(explain(undefined, true)).rejects.toMatchObject({
      exitCode: 2,
      message: '--values needs a field: tenantctl explain FIELD --values',
    });
  });

  it('refuses an unknown field (exit 2) with a suggestion', async () => {
    await expect(explain('recording_retension')).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown field "recording_retension" (did you mean "recording_retention"?)',
    });
  });
});
