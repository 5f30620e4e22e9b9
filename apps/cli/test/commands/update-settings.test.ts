// Tier 2: the read-then-write behind set and apply, with a connect that lets a test act between them.
import type { TenantClient } from '@tenantctl/client';
import { checkTenantUpdate, TenantConflictError } from '@tenantctl/client';
import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../src/commands/update-settings.js';
import { harness } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();

describe('updateSettings', () => {
  it('sends If-Match: a change made by someone else between the read and the write is a conflict, and nothing is overwritten', async () => {
    const h = harness({ env: context.env });
    const connect = h.deps.connect;
    h.deps.connect = async (flags) => {
      const client = await connect(flags);
      const racing: TenantClient = {
        ...client,
        async getTenantWithETag(options) {
          const read = await client.getTenantWithETag(options);
          await context.server.store.mergeSettings(context.server.tenant.id, { name: 'Someone else' });
          return read;
        },
      };
      return racing;
    };
    const desired = await checkTenantUpdate({ name: 'Mine', log_retention: 9 });
    await expect(updateSettings(desired, { dryRun: false, flags: {} }, h.deps)).rejects.toBeInstanceOf(
      TenantConflictError,
    );
    expect(await context.server.stored()).toMatchObject({ name: 'Someone else', log_retention: 180 });
    expect(h.stdout).toBe('~ name           E2E Tenant → Mine\n~ log_retention  180 → 9\n');
  });

  it('with nothing desired, says there is nothing to change', async () => {
    const h = harness({ env: context.env });
    expect(await updateSettings(undefined, { dryRun: false, flags: {} }, h.deps)).toBe(0);
    expect(h.stderr).toBe('No changes: the tenant already has these settings.\n');
  });
});
