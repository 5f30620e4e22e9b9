import { describe, expect, it } from 'vitest';
import { systemRole } from '../../src/tenants/roles.js';

describe('systemRole', () => {
  it.each([
    ['SystemAdmin', 'SystemAdmin'],
    ['systemadmin', 'SystemAdmin'],
    ['Dealer', 'Dealer'],
    ['DEALER', 'Dealer'],
  ])('reads %s as %s', (role, expected) => {
    expect(systemRole(role)).toBe(expected);
  });

  it.each(['admin', 'Admin', 'Replicator', 'StandardUser', '', 'SystemAdmin '])(
    '%j is a tenant role',
    (role) => {
      expect(systemRole(role)).toBeUndefined();
    },
  );
});
