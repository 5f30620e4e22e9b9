// The parts of planning that need no server: which rules win, how a secret change is kept, the flags
// of a PBX. (Planning itself runs against the reference server in test/commands/fleet.test.ts.)
import { describe, expect, it } from 'vitest';
import type { Fleet } from '../../src/fleet/fleet-file.js';
import {
  desiredFor,
  flagsFor,
  PbxRefusedError,
  secretFieldNames,
  toPlannedChanges,
} from '../../src/fleet/plan.js';

const fleet: Fleet = {
  source: 'fleet.yaml',
  sha256: 'x',
  pbx: [{}],
  rules: [
    {
      number: 1,
      match: { kind: 'name', glob: 'shop-*' },
      set: { enable_audio_recording: true, recording_retention: 30 },
    },
    {
      number: 2,
      match: { kind: 'name', glob: 'shop-berlin*' },
      set: { recording_retention: 60, timezone: 'Europe/Berlin' },
    },
  ],
};

describe('planning', () => {
  it('merges the matched rules in order, a later rule winning a field both set', () => {
    expect(desiredFor(fleet, [1, 2])).toEqual({
      enable_audio_recording: true,
      recording_retention: 60,
      timezone: 'Europe/Berlin',
    });
    expect(desiredFor(fleet, [1])).toEqual({ enable_audio_recording: true, recording_retention: 30 });
    expect(desiredFor(fleet, [])).toEqual({});
  });

  it('keeps a secret change without its values', async () => {
    const secrets = await secretFieldNames();
    expect([...secrets].sort()).toEqual(['cdr_event', 'extension_event', 'stir_shaken_key']);
    expect(
      toPlannedChanges(
        [
          { field: 'log_retention', from: 180, to: 7 },
          { field: 'cdr_event', from: null, to: { password: 'x' } },
        ],
        secrets,
      ),
    ).toEqual([
      { field: 'log_retention', from: 180, to: 7 },
      { field: 'cdr_event', secret: true },
    ]);
  });

  it('reaches a PBX through its profile, or the current connection', () => {
    expect(flagsFor({ url: 'http://x/api' }, undefined)).toEqual({ url: 'http://x/api' });
    expect(flagsFor({ timeout: '5' }, 'eu')).toEqual({ timeout: '5', profile: 'eu' });
  });

  it('says which PBX refused the sign-in', () => {
    const error = new PbxRefusedError('us', new Error('401: the server rejected the token'));
    expect(error.message).toBe('PBX "us" refused the sign-in: 401: the server rejected the token');
    expect(error.cause).toBeInstanceOf(Error);
  });
});
