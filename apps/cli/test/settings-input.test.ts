// Settings from KEY=VALUE and from files, checked once; the paths not covered by the command tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckedTenantUpdate } from '@tenantctl/client';
import { describe, expect, it } from 'vitest';
import { settingsFromAssignments, settingsFromFile } from '../src/settings-input.js';
import { harness, scratch } from './support/harness.js';

describe('settingsFromAssignments', () => {
  it('types each value by the spec and returns a checked update', async () => {
    const checked = await settingsFromAssignments(
      ['recording_retention=90', 'enable_audio_recording=false', 'website='],
      harness().deps,
    );
    expect(checked).toBeInstanceOf(CheckedTenantUpdate);
    expect(checked.fields).toEqual({ recording_retention: 90, enable_audio_recording: false, website: '' });
  });

  it('keeps the last of a key given twice', async () => {
    expect(
      (await settingsFromAssignments(['log_retention=1', 'log_retention=2'], harness().deps)).fields,
    ).toEqual({
      log_retention: 2,
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
