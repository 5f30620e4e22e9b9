// The Tenant API over real HTTP on a real SQLite file: semantics, errors, isolation, concurrency control.
import { settableFieldNames, tenantFieldNames, tenantFields, validateTenant } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authHeaders,
  getTenant,
  postTenant,
  startTestServer,
  type TestServer,
} from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const errorCodes = async (response: Response) =>
  ((await response.json()) as { errors: { code: string }[] }).errors.map((e) => e.code);

describe('GET /tenant', () => {
  it('returns all 42 fields with the spec defaults, valid against Tenant, uncacheable, with an ETag', async () => {
    const response = await fetch(`${server.url}/tenant`, { headers: authHeaders(server.tenantA.token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([...tenantFieldNames()]);
    expect(validateTenant(body).valid).toBe(true);
    expect(body).toMatchObject({ id: server.tenantA.id, name: 'Tenant A' });
    // Like the vendor's ids: letters and digits only (one starting with "-" once broke `--tenant ID`).
    expect(body.id).toMatch(/^[A-Za-z0-9]{24}$/);
    for (const field of tenantFields()) {
      if (field.name !== 'name' && field.name !== 'id' && body[field.name] !== undefined) {
        expect(body[field.name], field.name).toEqual(field.default ?? null);
      }
    }
  });
});

describe('POST /tenant', () => {
  it('merges a partial update: fields present change, the others stay', async () => {
    const before = await getTenant(server.url, server.tenantA.token);
    const response = await postTenant(server.url, server.tenantA.token, {
      recording_retention: 90,
      timezone: 'Europe/Berlin',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const after = await getTenant(server.url, server.tenantA.token);
    expect(after.body).toEqual({ ...before.body, recording_retention: 90, timezone: 'Europe/Berlin' });
    expect(response.headers.get('etag')).toBe(after.etag);
    expect(after.etag).not.toBe(before.etag);
  });

  it('rejects read-only fields, naming each, and changes nothing', async () => {
    const before = await getTenant(server.url, server.tenantA.token);
    const readOnly = tenantFieldNames().filter((name) => !settableFieldNames().includes(name));
    const body = Object.fromEntries(readOnly.map((name) => [name, 1]));
    const response = await postTenant(server.url, server.tenantA.token, { ...body, name: 'Changed' });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as {
      errors: { code: string; detail: { path: string; rule: string } }[];
    };
    expect(
      errors
        .filter((e) => e.detail.rule === 'readOnly')
        .map((e) => e.detail.path)
        .sort(),
    ).toEqual(readOnly.map((name) => `/${name}`).sort());
    expect(errors.every((e) => e.code === 'VALIDATE_FAILED')).toBe(true);
    expect((await getTenant(server.url, server.tenantA.token)).body).toEqual(before.body);
  });

  it.each([
    ['a string for an integer (no coercion)', { recording_retention: '90' }, '/recording_retention', 'type'],
    ['an unknown key (not stripped)', { nmae: 'x' }, '/nmae', 'additionalProperties'],
    ['a value below the minimum', { contact_update_interval: 0 }, '/contact_update_interval', 'minimum'],
    ['a bad enum value', { contact_append_type: 'SIDEWAYS' }, '/contact_append_type', 'enum'],
    ['a zone that does not exist', { timezone: 'Mars/Phobos' }, '/timezone', 'enum'],
    ['a bad quota', { extension_im_disk_quota: '0MB' }, '/extension_im_disk_quota', 'pattern'],
    ['custom_options that is not JSON', { custom_options: '{nope' }, '/custom_options', 'contentMediaType'],
    ['null', { name: null }, '/name', 'type'],
    ['an empty update', {}, '', 'minProperties'],
    ['an array body', [], '', 'type'],
  ])('400 VALIDATE_FAILED for %s, with the field path in detail', async (_what, body, path, rule) => {
    const before = await getTenant(server.url, server.tenantA.token);
    const response = await postTenant(server.url, server.tenantA.token, body);
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as {
      errors: { code: string; message: string; detail: unknown }[];
    };
    expect(errors[0]).toMatchObject({ code: 'VALIDATE_FAILED', detail: { path, rule } });
    if (path) expect(errors[0]?.message).toContain(path.slice(1));
    expect((await getTenant(server.url, server.tenantA.token)).body).toEqual(before.body);
  });

  it('applies an update atomically: one bad field and nothing changes', async () => {
    const before = await getTenant(server.url, server.tenantA.token);
    const response = await postTenant(server.url, server.tenantA.token, {
      name: 'Good',
      recording_retention: -1,
    });
    expect(response.status).toBe(400);
    expect((await getTenant(server.url, server.tenantA.token)).body).toEqual(before.body);
  });
});

describe('errors', () => {
  it.each([
    ['no header', {}],
    ['an unknown token', authHeaders('tnt_unknown')],
    ['a malformed header', { Authorization: 'Bearer two words' }],
    ['another scheme', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('401 with WWW-Authenticate for %s', async (_what, headers) => {
    const response = await fetch(`${server.url}/tenant`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorCodes(response)).toEqual(['UNAUTHORIZED']);
  });

  it('accepts the scheme in any case (RFC 9110)', async () => {
    const response = await fetch(`${server.url}/tenant`, {
      headers: { Authorization: `bEaReR ${server.tenantA.token}` },
    });
    expect(response.status).toBe(200);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('405 with Allow for %s', async (method) => {
    const response = await fetch(`${server.url}/tenant`, {
      method,
      headers: authHeaders(server.tenantA.token),
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await errorCodes(response)).toEqual(['METHOD_NOT_ALLOWED']);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    '415 for a %s body',
    async (type) => {
      const response = await fetch(`${server.url}/tenant`, {
        method: 'POST',
        headers: authHeaders(server.tenantA.token, { 'Content-Type': type }),
        body: 'name=x',
      });
      expect(response.status).toBe(415);
      expect(await errorCodes(response)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    },
  );

  it('413 above the body limit', async () => {
    const response = await postTenant(server.url, server.tenantA.token, {
      stir_shaken_cert: 'x'.repeat(70 * 1024),
    });
    expect(response.status).toBe(413);
    expect(await errorCodes(response)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('400 for malformed JSON, with no stack trace', async () => {
    const response = await postTenant(server.url, server.tenantA.token, '{"name": "x",');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ errors: [{ code: 'VALIDATE_FAILED' }] });
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });

  it('404 in the vendor shape for another path', async () => {
    const response = await fetch(`${server.url}/tenants`, { headers: authHeaders(server.tenantA.token) });
    expect(response.status).toBe(404);
    expect(await errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});

describe('tenant isolation', () => {
  it('token B never sees or changes tenant A', async () => {
    const a = await getTenant(server.url, server.tenantA.token);
    const b = await getTenant(server.url, server.tenantB.token);
    expect(b.body.id).toBe(server.tenantB.id);
    expect(b.body.name).toBe('Tenant B');
    // An id in the body cannot reach another tenant: it is refused, not followed.
    const response = await postTenant(server.url, server.tenantB.token, {
      id: server.tenantA.id,
      name: 'Hijacked',
    });
    expect(response.status).toBe(400);
    expect((await postTenant(server.url, server.tenantB.token, { name: 'B renamed' })).status).toBe(200);
    expect((await getTenant(server.url, server.tenantA.token)).body).toEqual(a.body);
    expect((await getTenant(server.url, server.tenantB.token)).body.name).toBe('B renamed');
  });
});

describe('optimistic concurrency (ETag / If-Match)', () => {
  it('412 and no change when If-Match no longer matches', async () => {
    const first = await getTenant(server.url, server.tenantA.token);
    expect(
      (
        await postTenant(
          server.url,
          server.tenantA.token,
          { name: 'First' },
          { 'If-Match': first.etag ?? '' },
        )
      ).status,
    ).toBe(200);
    const stale = await postTenant(
      server.url,
      server.tenantA.token,
      { name: 'Second' },
      { 'If-Match': first.etag ?? '' },
    );
    expect(stale.status).toBe(412);
    expect(await errorCodes(stale)).toEqual(['PRECONDITION_FAILED']);
    expect((await getTenant(server.url, server.tenantA.token)).body.name).toBe('First');
  });

  it('If-Match: * and a list holding the current tag both match', async () => {
    const current = await getTenant(server.url, server.tenantA.token);
    expect(
      (await postTenant(server.url, server.tenantA.token, { website: '' }, { 'If-Match': '*' })).status,
    ).toBe(200);
    const now = await getTenant(server.url, server.tenantA.token);
    expect(
      (
        await postTenant(
          server.url,
          server.tenantA.token,
          { website: 'https://a.test' },
          { 'If-Match': `"nope", ${now.etag}` },
        )
      ).status,
    ).toBe(200);
    expect(current.etag).toBeTruthy();
  });
});

describe('durability', () => {
  it('keeps data across a restart', async () => {
    expect((await postTenant(server.url, server.tenantA.token, { log_retention: 365 })).status).toBe(200);
    const before = await getTenant(server.url, server.tenantA.token);
    await server.restart();
    const after = await getTenant(server.url, server.tenantA.token);
    expect(after.body).toEqual(before.body);
    expect(after.body.log_retention).toBe(365);
    expect(after.etag).toBe(before.etag);
  });
});

describe('logs', () => {
  it('never hold a token or a request body', async () => {
    const secret = 'CANARY-PRIVATE-KEY-0042';
    await postTenant(server.url, server.tenantA.token, { stir_shaken_key: secret });
    await postTenant(server.url, server.tenantA.token, { stir_shaken_key: secret, bogus: 1 });
    await getTenant(server.url, server.tenantA.token);
    const logs = server.logs.join('');
    expect(server.logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(server.tenantA.token);
  });
});
