// Settings from KEY=VALUE and from files, checked once; the paths not covered by the command tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckedTenantUpdate } from '@tenantctl/client';
import { describe, expect, it } from 'vitest';
import { settingsFromAssignments, settingsFromFile } from '../src/settings-input.js';
import { harness, scratch } from './support/harness.js';

/** The checked update of plain KEY=VALUEs (made before any read). */
async function plainUpdate(assignments: string[]) {
  const made = await settingsFromAssignments(assignments, harness().deps);
  if (!(made instanceof CheckedTenantUpdate)) throw new Error('expected an update made before reading');
  return made;
}

describe('settingsFromAssignments', () => {
  it('types each value by the spec and returns a checked update', async () => {
    const checked = await plainUpdate(['recording_retention=90', 'enable_audio_recording=false', 'website=']);
    expect(checked.fields).toEqual({ recording_retention: 90, enable_audio_recording: false, website: '' });
  });

  it('keeps the last of a key given twice', async () => {
    expect((await plainUpdate(['log_retention=1', 'log_retention=2'])).fields).toEqual({ log_retention: 2 });
  });

  it('sets FIELD.KEY into the object the tenant holds, after the plain fields, keeping the other keys', async () => {
    const h = harness();
    const made = await settingsFromAssignments(
      ['cdr_event.enabled=true', 'log_retention=3', 'office_hours.monday.enabled=false'],
      h.deps,
    );
    if (made instanceof CheckedTenantUpdate) throw new Error('expected an update made from the tenant');
    const current = {
      cdr_event: { enabled: false, url: 'https://hooks.example.com/cdr', auth: 'DISABLE' },
      office_hours: { monday: { enabled: true, ranges: [] }, sunday: { enabled: false, ranges: [] } },
    };
    expect((await made(current)).fields).toEqual({
      log_retention: 3,
      cdr_event: { enabled: true, url: 'https://hooks.example.com/cdr', auth: 'DISABLE' },
      office_hours: { monday: { enabled: false, ranges: [] }, sunday: { enabled: false, ranges: [] } },
    });
    expect(current.cdr_event.enabled).toBe(false); // what was read is not changed
  });

  it('refuses, before anything is read, a key an object lacks and a secret on the command line', async () => {
    const deps = harness().deps;
    await expect(settingsFromAssignments(['cdr_event.bogus=1'], deps)).rejects.toMatchObject({
      exitCode: 2,
      message: 'cdr_event has no key "bogus" (it has enabled, url, auth, username, password, token)',
    });
    await expect(settingsFromAssignments(['cdr_event.token=hook0token0x'], deps)).rejects.toMatchObject({
      exitCode: 2,
      message:
        'cdr_event.token is a secret: give it as cdr_event.token=@FILE or cdr_event.token=@- (standard input), never on the command line',
    });
  });

  it('checks the whole object once it is made: a key set to a value its schema refuses is exit 2', async () => {
    const made = await settingsFromAssignments(['cdr_event.auth=NONE'], harness().deps);
    if (made instanceof CheckedTenantUpdate) throw new Error('expected an update made from the tenant');
    await expect(made({ cdr_event: { enabled: true } })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('cdr_event/auth'),
    });
  });
});

describe('settingsFromFile', () => {
  it('reads YAML and JSON, leaving nulls out', async () => {
    const yaml = join(scratch, 's.yaml');
    writeFileSync(yaml, 'name: A\nwebsite: null\n');
    expect((await settingsFromFile(yaml, false, harness().deps)).desired?.fields).toEqual({ name: 'A' });
    const json = join(scratch, 's.json');
    writeFileSync(json, '{"log_retention": 3}');
    expect((await settingsFromFile(json, false, harness().deps)).desired?.fields).toEqual({
      log_retention: 3,
    });
  });

  it('gives no desired settings for an empty mapping, and lists dropped read-only fields', async () => {
    const result = await settingsFromFile(
      '-',
      true,
      harness({ stdin: '{"id": "x", "max_extensions": 5}' }).deps,
    );
    expect(result).toEqual({ desired: undefined, dropped: ['id', 'max_extensions'] });
  });

  it('names the file in which settings are invalid', async () => {
    const path = join(scratch, 'bad.yaml');
    writeFileSync(path, 'recording_retention: 0\n');
    await expect(settingsFromFile(path, false, harness().deps)).rejects.toMatchObject({
      exitCode: 2,
      message: `invalid settings in ${path}, nothing was sent:\n  - recording_retention: must be >= 1`,
    });
  });

  it('names standard input as such', async () => {
    await expect(settingsFromFile('-', false, harness({ stdin: '[1]' }).deps)).rejects.toMatchObject({
      message: 'standard input must hold a mapping of field names to values',
    });
  });
});
