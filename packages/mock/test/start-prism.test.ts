// Starts a real Prism process on the spec and checks what the mock promises its users.
import { tenantFieldNames, validateTenant, validateValue } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prismArgs, type RunningPrism, specPath, startPrism } from '../src/index.js';

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(() => prism?.stop());

const auth = { Authorization: 'Bearer any-token' };

describe('the Prism mock of openapi/tenant.yaml', () => {
  it('answers GET /tenant with a believable tenant that passes Tenant validation', async () => {
    const response = await fetch(`${prism.url}/tenant`, { headers: auth });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(validateTenant(body)).toMatchObject({ valid: true });
    expect(body.name).not.toBe('string');
    expect(Object.keys(body).sort()).toEqual([...tenantFieldNames()].sort());
  });

  it.each([
    ['GET', '/tenants', 200, 'TenantList'],
    ['GET', '/tenants/OTg3NjU0MzIxMDk4NzY1NDMy', 200, 'TenantDetails'],
    ['GET', '/tenants/OTg3NjU0MzIxMDk4NzY1NDMy/dealers', 200, 'DealerList'],
    ['GET', '/tenant/status', 200, 'TenantStatus'],
    ['POST', '/tenants/OTg3NjU0MzIxMDk4NzY1NDMy/destroy', 204, undefined],
  ] as const)('serves %s %s from the spec (%i)', async (method, path, status, schema) => {
    const response = await fetch(`${prism.url}${path}`, { method, headers: auth });
    expect(response.status).toBe(status);
    if (schema) expect(validateValue(schema, await response.json()).valid).toBe(true);
  });

  it('answers 401 to a GET without a token', async () => {
    const response = await fetch(`${prism.url}/tenant`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('rejects a POST that breaks a rule', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recording_retention: 0 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toContain('recording_retention');
  });

  it('rejects a POST with a read-only field', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ max_extensions: 5 }),
    });
    expect(response.status).toBe(400);
  });

  it('accepts a valid partial update', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enable_audio_recording: true, timezone: 'Europe/Berlin' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('prismArgs', () => {
  it('mocks the spec on loopback, or proxies it to an upstream, checking both ways', () => {
    expect(prismArgs(4010)).toEqual(['mock', '--host', '127.0.0.1', '--port', '4010', specPath]);
    expect(prismArgs(1, { mode: 'proxy', upstream: 'http://127.0.0.1:2/api', errors: true })).toEqual([
      'proxy',
      '--host',
      '127.0.0.1',
      '--port',
      '1',
      specPath,
      'http://127.0.0.1:2/api',
      '--errors',
    ]);
    expect(() => prismArgs(1, { mode: 'proxy' })).toThrow('prism proxy needs an upstream URL');
  });
});

describe('startPrism', () => {
  it('gives up after its start timeout, saying so', async () => {
    await expect(startPrism({ startTimeoutMs: 1 })).rejects.toThrow(
      /^Prism was not ready within 0\.\d+ s; it printed:/,
    );
  });

  it('serves the spec at the root, without /api, until stopped', async () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(prism.output()).toContain('Prism is listening on');
    const other = await startPrism();
    await other.stop();
    await expect(fetch(`${other.url}/tenant`)).rejects.toThrow();
  });
});
