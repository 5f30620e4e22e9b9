import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, TenantValidationError } from '../../src/index.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

describe('updateTenant', () => {
  it('sends the patch as JSON with If-Match and returns the new ETag', async () => {
    server.script({ status: 200, headers: { ETag: '"v2"' } });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't' });
    const result = await client.updateTenant({ recording_retention: 90 }, { ifMatch: '"v1"' });
    expect(result).toEqual({ etag: '"v2"' });
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      url: '/api/tenant',
      body: '{"recording_retention":90}',
    });
    expect(server.received[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(server.received[0]?.headers['if-match']).toBe('"v1"');
  });

  it.each([
    ['a bad value', { recording_retention: 0 }, ['/recording_retention']],
    ['several bad values', { name: '', region: 'US' }, ['/name', '/region']],
    ['a read-only field', { max_extensions: 5 }, ['/max_extensions']],
    ['an unknown field', { nmae: 'Acme' }, ['/nmae']],
    ['nothing', {}, ['']],
  ])('rejects %s before sending anything', async (_what, patch, paths) => {
    server.script({ status: 200 });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't' });
    const error = await client.updateTenant(patch as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    const violations = (error as TenantValidationError).violations;
    expect(violations.map((v) => v.path)).toEqual(paths);
    expect((error as TenantValidationError).status).toBeUndefined();
    expect(server.received).toHaveLength(0);
  });

  it('reads a server VALIDATE_FAILED as violations, an unknown code as UNKNOWN', async () => {
    server.script({
      status: 400,
      body: {
        errors: [
          {
            code: 'VALIDATE_FAILED',
            message: 'domain: already used',
            detail: { path: '/domain', rule: 'unique' },
          },
          { code: 'SOMETHING_NEW', message: 'also this' },
        ],
      },
    });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't' });
    const error = (await client
      .updateTenant({ domain: 'taken.pbx.local' })
      .catch((e: unknown) => e)) as TenantValidationError;
    expect(error).toBeInstanceOf(TenantValidationError);
    expect(error.status).toBe(400);
    expect(error.codes).toEqual(['VALIDATE_FAILED', 'UNKNOWN']);
    expect(error.errors[1]?.code).toBe('SOMETHING_NEW');
    expect(error.violations).toEqual([
      { path: '/domain', field: 'domain', rule: 'unique', message: 'domain: already used' },
    ]);
    expect(error.message).toContain('domain: already used');
  });
});
