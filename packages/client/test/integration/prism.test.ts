// The real client against a real Prism process serving openapi/tenant.yaml.
import { type RunningPrism, startPrism } from '@tenantctl/mock';
import { validateTenant } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, TenantValidationError } from '../../src/index.js';

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(() => prism?.stop());

describe('client against the Prism mock', () => {
  it('getTenant returns a tenant valid against the spec, with its ETag', async () => {
    const client = createTenantClient({ baseUrl: prism.url, token: 'any' });
    const { tenant, etag } = await client.getTenantWithETag();
    expect(validateTenant(tenant).valid).toBe(true);
    expect(tenant.name).toBeTypeOf('string');
    expect(etag).toBe('"3f786850e387550fdab836ed7e6dc881de23001b"');
  });

  it('updateTenant sends a body Prism accepts', async () => {
    const client = createTenantClient({ baseUrl: prism.url, token: 'any' });
    await expect(
      client.updateTenant(
        { enable_audio_recording: true, timezone: 'Europe/Berlin', region: 'DEU' },
        { ifMatch: '"x"' },
      ),
    ).resolves.toEqual({ etag: '"3f786850e387550fdab836ed7e6dc881de23001b"' }); // the spec's example
  });

  it('a body the wrapper would refuse, sent through the raw client, comes back as Prism 400', async () => {
    const client = createTenantClient({ baseUrl: prism.url, token: 'any' });
    const { response } = await client.raw.POST('/tenant', { body: { recording_retention: 0 } as never });
    expect(response.status).toBe(400);
    // …while the wrapper never sends it.
    await expect(client.updateTenant({ recording_retention: 0 } as never)).rejects.toBeInstanceOf(
      TenantValidationError,
    );
  });
});
