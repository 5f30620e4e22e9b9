import { specInfo, validateValue } from '@tenantctl/schema';
import { describe, expect, it } from 'vitest';
import { referencePbxVersion, tenantStatus } from '../../src/tenants/status.js';

describe('tenantStatus', () => {
  it("reports the users and the licence, and the spec's version as the PBX's, valid against TenantStatus", () => {
    const status = tenantStatus({ id: 'x', version: 1, settings: { max_extensions: 25 } }, 3);
    expect(validateValue('TenantStatus', status).valid).toBe(true);
    expect(status).toMatchObject({ current_users: 3, licensed_users: 25, current_calls: 0 });
    expect(referencePbxVersion).toBe(`tenantctl-reference ${specInfo.version}`);
  });

  it('reports no licence as 0', () => {
    expect(tenantStatus({ id: 'x', version: 1, settings: { max_extensions: null } }, 0).licensed_users).toBe(
      0,
    );
  });
});
