import { describe, expect, it } from 'vitest';
import { hashPassword, verifyNobody, verifyPassword } from '../../src/auth/passwords.js';

describe('passwords', () => {
  it('are kept as salted scrypt hashes with their parameters, never as themselves', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('correct horse');
    expect(await hashPassword('correct horse')).not.toBe(hash); // another salt
  });

  it('check a password against its hash', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('read the same password in either Unicode normal form', async () => {
    expect(await verifyPassword('Cafe\u0301', await hashPassword('Caf\u00e9'))).toBe(true);
  });

  it('refuse a hash they cannot read', async () => {
    expect(await verifyPassword('x', 'plain$x')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$$')).toBe(false);
  });

  it('spend a check on a user who does not exist, and say no', async () => {
    expect(await verifyNobody('anything')).toBe(false);
  });
});
