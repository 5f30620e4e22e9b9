import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileMailer } from '../../src/auth/code-mail.js';
import { latestCode } from '../../src/testing/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = {
  id: 'U',
  tenantId: 'T',
  username: 'al ice',
  passwordHash: '',
  role: 'admin',
  twoFactor: true,
  email: 'alice@example.test',
};

describe('fileMailer', () => {
  it('writes one file per message, readable by its owner only, with the code and how long it lasts', async () => {
    const mailDir = join(dir, 'mail');
    const mailer = fileMailer(mailDir);
    await mailer.send(user, '012345', 5);
    await mailer.send(user, '999999', 5);
    const files = readdirSync(mailDir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-0001-al_ice\.eml$/);
    expect(statSync(mailDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(mailDir, files[0] ?? '')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(mailDir, files[0] ?? ''), 'utf8')).toBe(
      'To: alice@example.test\r\nSubject: Your sign-in code\r\n\r\nYour one-time code is 012345. It is valid for 5 minutes.\r\n',
    );
    expect(await latestCode(mailDir, 'al_ice')).toBe('999999');
    expect(await latestCode(mailDir, 'bob')).toBeUndefined();
    expect(await latestCode(join(dir, 'none'), 'al_ice')).toBeUndefined();
  });

  it('says when a user has no address', async () => {
    const mailDir = join(dir, 'other');
    await fileMailer(mailDir).send({ ...user, username: 'bob', email: null }, '000001', 5);
    const [file] = readdirSync(mailDir);
    expect(readFileSync(join(mailDir, file ?? ''), 'utf8')).toMatch(/^To: bob \(no address on file\)\r\n/);
  });
});
