import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latestCode } from '../../src/testing/mail.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-latest-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('latestCode', () => {
  it("reads the code of the newest mail to that user, and nobody else's", async () => {
    mkdirSync(join(dir, 'mail'));
    writeFileSync(join(dir, 'mail', '2026-01-01T00-00-00.000Z-0001-tf.eml'), 'Your one-time code is 111111.');
    writeFileSync(join(dir, 'mail', '2026-01-01T00-00-01.000Z-0002-tf.eml'), 'Your one-time code is 222222.');
    writeFileSync(
      join(dir, 'mail', '2026-01-01T00-00-02.000Z-0003-other.eml'),
      'Your one-time code is 333333.',
    );
    expect(await latestCode(join(dir, 'mail'), 'tf')).toBe('222222');
    expect(await latestCode(join(dir, 'mail'), 'f')).toBeUndefined();
  });
});
