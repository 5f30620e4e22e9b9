import { describe, expect, it } from 'vitest';
import { computeChanges, printChanges } from '../src/changes.js';
import { harness } from './support/harness.js';

describe('computeChanges', () => {
  it('lists the fields whose desired value differs, in the order desired, with the current value', () => {
    const current = { name: 'A', log_retention: 30, website: null, stir_shaken_key: 'old' };
    expect(
      computeChanges(current, {
        log_retention: 30,
        name: 'B',
        website: '',
        domain: 'd',
        stir_shaken_key: 'old',
      }),
    ).toEqual([
      { field: 'name', from: 'A', to: 'B' },
      { field: 'website', from: null, to: '' },
      { field: 'domain', from: null, to: 'd' },
    ]);
    expect(computeChanges(current, {})).toEqual([]);
  });

  it('compares values, not their identity, and tells numbers from strings', () => {
    expect(computeChanges({ a: [1] }, { a: [1] })).toEqual([]);
    expect(computeChanges({ a: 1 }, { a: '1' })).toEqual([{ field: 'a', from: 1, to: '1' }]);
  });
});

describe('printChanges', () => {
  it('prints one aligned line per field, secrets as <redacted>, in color only when asked', () => {
    const plain = harness();
    printChanges(
      [
        { field: 'log_retention', from: 30, to: 90 },
        { field: 'stir_shaken_key', from: null, to: 'KEY' },
        { field: 'enable_audio_recording', from: false, to: true },
      ],
      plain.deps.io,
    );
    expect(plain.stdout).toBe(
      '~ log_retention           30 → 90\n~ stir_shaken_key         — → <redacted>\n~ enable_audio_recording  no → yes\n',
    );
    const colored = harness({ color: true });
    printChanges([{ field: 'name', from: 'A', to: 'B' }], colored.deps.io);
    expect(colored.stdout).toBe(
      '\u001b[33m~\u001b[39m name  \u001b[31mA\u001b[39m → \u001b[32mB\u001b[39m\n',
    );
  });

  it('prints nothing for no changes', () => {
    const h = harness();
    printChanges([], h.deps.io);
    expect(h.stdout).toBe('');
  });
});
