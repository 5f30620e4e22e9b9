// The Tenant API through the whole fastify pipeline (app.inject, a real SQLite file): semantics, errors,
// JSON text rules, isolation, optimistic concurrency and freshness.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readOnlyFieldNames, tenantFieldNames, tenantFields, validateTenant } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/admin.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';
import { errorCodes, errorItems, getTenant, inject, postTenant } from './support/requests.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tenants: ['Tenant A', 'Tenant B'] });
});
afterAll(() => server.close());

const tenantB = () => server.tenants[1] ?? server.tenant;

describe('GET /tenant', () => {
  it('returns every Tenant field with the spec defaults, valid against Tenant, uncacheable, with an ETag', async () => {
    const answer = await getTenant(server);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers.etag).toBe(`"1-${server.store.instanceId}"`);
    const body = answer.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([...tenantFieldNames()]);
    expect(Object.keys(body)).toHaveLength(50);
    expect(validateTenant(body).valid).toBe(true);
    expect(body).toMatchObject({ id: server.tenant.id, name: 'Tenant A' });
    // Like the vendor's ids: letters and digits only (one starting with "-" once broke `--tenant ID`).
    expect(body.id).toMatch(/^[A-Za-z0-9]{24}$/);
    for (const field of tenantFields()) {
      if (field.name !== 'name' && field.name !== 'id' && field.readable) {
        expect(body[field.name], field.name).toEqual(field.default ?? null);
      }
    }
    expect(body).toMatchObject({ max_extensions: 1000, recording_retention: 180, disk_quota: '' });
  });
});

describe('POST /tenant', () => {
  it('merges a partial update: fields present change, the others stay, the version grows by one', async () => {
    const before = await getTenant(server);
    const answer = await postTenant(server, { recording_retention: 90, timezone: 'Europe/Berlin' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const after = await getTenant(server);
    expect(after.body).toEqual({
      ...(before.body as object),
      recording_retention: 90,
      timezone: 'Europe/Berlin',
    });
    expect(answer.headers.etag).toBe(after.headers.etag);
    const version = (etag: string | undefined) => Number(/^"(\d+)-/.exec(etag ?? '')?.[1]);
    expect(version(after.headers.etag)).toBe(version(before.headers.etag) + 1);
  });

  it('rejects read-only fields, naming each, and changes nothing', async () => {
    const before = await server.stored();
    const body = Object.fromEntries(readOnlyFieldNames().map((name) => [name, 1]));
    const answer = await postTenant(server, { ...body, name: 'Changed' });
    expect(answer.status).toBe(400);
    const items = errorItems(answer);
    expect(items.map((e) => e.detail?.path).sort()).toEqual(
      readOnlyFieldNames()
        .map((n) => `/${n}`)
        .sort(),
    );
    expect(items.every((e) => e.code === 'VALIDATE_FAILED' && e.detail?.rule === 'readOnly')).toBe(true);
    expect(await server.stored()).toEqual(before);
  });

  it.each([
    ['a string for an integer (no coercion)', { recording_retention: '90' }, '/recording_retention', 'type'],
    ['an unknown key (not stripped)', { nmae: 'x' }, '/nmae', 'additionalProperties'],
    ['a value below the minimum', { contact_update_interval: 0 }, '/contact_update_interval', 'minimum'],
    ['a negative match length (minimum 0)', { contact_match_length: -1 }, '/contact_match_length', 'minimum'],
    ['a bad enum value', { contact_append_type: 'SIDEWAYS' }, '/contact_append_type', 'enum'],
    ['a zone that does not exist', { timezone: 'Mars/Phobos' }, '/timezone', 'enum'],
    ['a bad quota', { extension_im_disk_quota: '0MB' }, '/extension_im_disk_quota', 'pattern'],
    ['custom_options that is not JSON', { custom_options: '{nope' }, '/custom_options', 'contentMediaType'],
    ['a NUL in the name', { name: 'x\u0000y' }, '/name', 'pattern'],
    ['a line break in the domain', { domain: 'a.test\nb.test' }, '/domain', 'pattern'],
    ['a tab in the website', { website: 'https://a.test\t' }, '/website', 'pattern'],
    ['a C1 control in the name', { name: 'x\u0085y' }, '/name', 'pattern'],
    ['a NUL in the certificate', { stir_shaken_cert: 'a\u0000' }, '/stir_shaken_cert', 'pattern'],
    ['null', { name: null }, '/name', 'type'],
    ['an empty update', {}, '', 'minProperties'],
    ['an array body', [], '', 'type'],
  ])('400 VALIDATE_FAILED for %s, with the field path in detail', async (_what, body, path, rule) => {
    const before = await server.stored();
    const answer = await postTenant(server, body);
    expect(answer.status).toBe(400);
    const [first] = errorItems(answer);
    expect(first).toMatchObject({ code: 'VALIDATE_FAILED', detail: { path, rule } });
    if (path) expect(first?.message.startsWith(`${path.slice(1)}: `)).toBe(true);
    expect(await server.stored()).toEqual(before);
  });

  it('accepts line breaks where the spec allows them: certificates, keys and JSON text', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\r\nMIIB\tx\n-----END CERTIFICATE-----\n';
    const answer = await postTenant(server, { stir_shaken_cert: pem, custom_options: '{\n  "a": 1\n}' });
    expect(answer.status).toBe(200);
    expect(await server.stored()).toMatchObject({ stir_shaken_cert: pem, custom_options: '{\n  "a": 1\n}' });
  });

  it('applies an update atomically: one bad field and nothing changes', async () => {
    const before = await server.stored();
    const answer = await postTenant(server, { name: 'Good', recording_retention: -1 });
    expect(answer.status).toBe(400);
    expect(await server.stored()).toEqual(before);
  });
});

describe('JSON text (RFC 8259): what JSON.parse alone would accept or alter', () => {
  const raw = (text: string | Buffer, contentType = 'application/json') =>
    inject(server, 'POST', {
      token: server.tenant.token,
      body: text,
      headers: { 'content-type': contentType },
    });

  it.each([
    [
      'invalid UTF-8',
      Buffer.from([...Buffer.from('{"name":"Caf'), 0xe9, ...Buffer.from('"}')]),
      'encoding',
      '',
    ],
    [
      'UTF-8 with an overlong encoding',
      Buffer.from([...Buffer.from('{"name":"'), 0xc0, 0xaf, ...Buffer.from('"}')]),
      'encoding',
      '',
    ],
    ['a lone high surrogate', '{"name":"\\ud800x"}', 'unicode', '/name'],
    [
      'a lone low surrogate in a nested value',
      '{"custom_options":"x","a":[{"b":"\\udc00"}]}',
      'unicode',
      '/a/0/b',
    ],
    ['a surrogate pair the wrong way round', '{"name":"\\udc00\\ud800"}', 'unicode', '/name'],
    ['a repeated name', '{"name":"a","name":"b"}', 'uniqueKeys', '/name'],
    ['a repeated name written with an escape', '{"name":"a","n\\u0061me":"b"}', 'uniqueKeys', '/name'],
    ['not JSON', '{"name": "x",', 'json', ''],
    ['nothing', '', 'type', ''],
  ])('400 naming the rule for %s, and nothing stored', async (_what, text, rule, path) => {
    const before = await server.stored();
    const answer = await raw(text);
    expect(answer.status).toBe(400);
    expect(errorItems(answer)).toEqual([
      { code: 'VALIDATE_FAILED', message: expect.any(String), detail: { path, rule } },
    ]);
    expect(answer.text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    expect(await server.stored()).toEqual(before);
  });

  it('accepts a valid surrogate pair (an emoji), escaped or not, and stores it unchanged', async () => {
    expect((await raw('{"name":"Acme \\ud83d\\ude00"}')).status).toBe(200);
    expect((await server.stored()).name).toBe('Acme 😀');
    expect((await raw(Buffer.from('{"name":"Café 😀"}', 'utf8'))).status).toBe(200);
    expect((await server.stored()).name).toBe('Café 😀');
  });

  it('accepts the same name in two different objects, and a name that is a prefix of another', async () => {
    const answer = await raw('{"custom_options":"{}","name":"n"}');
    expect(answer.status).toBe(200);
    const nested = await raw('{"a":{"x":1},"b":{"x":1}}');
    // Unknown keys, so 400: but for additionalProperties, not for a repeated name.
    expect(errorItems(nested).map((e) => e.detail?.rule)).toEqual([
      'additionalProperties',
      'additionalProperties',
    ]);
  });

  it.each(['latin1', 'ISO-8859-1', 'utf-16', '"windows-1252"'])(
    '415 for charset=%s, and nothing stored',
    async (charset) => {
      const before = await server.stored();
      const answer = await raw(
        Buffer.from([...Buffer.from('{"name":"Caf'), 0xe9, ...Buffer.from('"}')]),
        `application/json; charset=${charset}`,
      );
      expect(answer.status).toBe(415);
      expect(errorCodes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
      expect(errorItems(answer)[0]?.message).toContain('UTF-8');
      expect(await server.stored()).toEqual(before);
    },
  );

  it.each(['utf-8', 'UTF-8', 'utf8', '"utf-8"'])('accepts charset=%s', async (charset) => {
    expect((await raw('{"log_retention":181}', `application/json; charset=${charset}`)).status).toBe(200);
  });
});

describe('errors', () => {
  it.each([
    ['no header', {}],
    ['an unknown token', { authorization: 'Bearer tnt_unknown' }],
    ['a malformed header', { authorization: 'Bearer two words' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('401 with WWW-Authenticate for %s', async (_what, headers) => {
    const answer = await inject(server, 'GET', { headers });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="tenant"');
    expect(errorCodes(answer)).toEqual(['UNAUTHORIZED']);
  });

  it('accepts the scheme in any case (RFC 9110)', async () => {
    const answer = await inject(server, 'GET', {
      headers: { authorization: `bEaReR ${server.tenant.token}` },
    });
    expect(answer.status).toBe(200);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const)('405 with Allow for %s', async (method) => {
    const answer = await inject(server, method, { token: server.tenant.token });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD, POST');
    expect(errorCodes(answer)).toEqual(['METHOD_NOT_ALLOWED']);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    '415 for a %s body',
    async (type) => {
      const answer = await inject(server, 'POST', {
        token: server.tenant.token,
        body: 'name=x',
        headers: { 'content-type': type },
      });
      expect(answer.status).toBe(415);
      expect(errorCodes(answer)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    },
  );

  it('413 above the body limit', async () => {
    const answer = await postTenant(server, { stir_shaken_cert: 'x'.repeat(70 * 1024) });
    expect(answer.status).toBe(413);
    expect(errorCodes(answer)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('404 in the vendor shape for another path', async () => {
    const answer = await inject(server, 'GET', { token: server.tenant.token, path: '/tenantz' });
    expect(answer.status).toBe(404);
    expect(errorCodes(answer)).toEqual(['NOT_FOUND']);
  });
});

describe('tenant isolation', () => {
  it('token B never sees or changes tenant A', async () => {
    const a = await server.stored(server.tenant.id);
    const b = await getTenant(server, tenantB().token);
    expect(b.body).toMatchObject({ id: tenantB().id, name: 'Tenant B' });
    // An id in the body cannot reach another tenant: it is refused, not followed.
    const hijack = await postTenant(
      server,
      { id: server.tenant.id, name: 'Hijacked' },
      { token: tenantB().token },
    );
    expect(hijack.status).toBe(400);
    expect((await postTenant(server, { name: 'B renamed' }, { token: tenantB().token })).status).toBe(200);
    expect(await server.stored(server.tenant.id)).toEqual(a);
    expect((await server.stored(tenantB().id)).name).toBe('B renamed');
  });
});

describe('optimistic concurrency (ETag / If-Match)', () => {
  const ifMatch = (tag: string) => ({ 'if-match': tag });

  it('412 and no change when If-Match no longer matches', async () => {
    const first = await getTenant(server);
    const tag = first.headers.etag ?? '';
    expect((await postTenant(server, { name: 'First' }, { headers: ifMatch(tag) })).status).toBe(200);
    const stale = await postTenant(server, { name: 'Second' }, { headers: ifMatch(tag) });
    expect(stale.status).toBe(412);
    expect(errorCodes(stale)).toEqual(['PRECONDITION_FAILED']);
    expect((await server.stored()).name).toBe('First');
  });

  it('If-Match: * and a list holding the current tag both match; a list without it does not', async () => {
    expect((await postTenant(server, { website: '' }, { headers: ifMatch('*') })).status).toBe(200);
    const now = (await getTenant(server)).headers.etag ?? '';
    expect(
      (await postTenant(server, { website: 'https://a.test' }, { headers: ifMatch(`"nope", ${now}`) }))
        .status,
    ).toBe(200);
    expect(
      (await postTenant(server, { website: 'https://b.test' }, { headers: ifMatch(`"nope", ${now}`) }))
        .status,
    ).toBe(412);
  });

  it('a weak tag, or the tag of another database at the current version, never matches (strong comparison)', async () => {
    const now = (await getTenant(server)).headers.etag ?? '';
    const version = /^"(\d+)-/.exec(now)?.[1];
    expect((await postTenant(server, { name: 'W' }, { headers: ifMatch(`W/${now}`) })).status).toBe(412);
    expect(
      (await postTenant(server, { name: 'X' }, { headers: ifMatch(`"${version}-0000000000000000"`) })).status,
    ).toBe(412);
    expect((await server.stored()).name).not.toMatch(/^[WX]$/);
  });

  it.each([
    ['empty', ''],
    ['unquoted', 'abc'],
    ['a list with an unquoted tag', '"a", b'],
    ['* in a list', '*, "a"'],
  ])('400 naming If-Match when it is %s, and nothing changes', async (_what, header) => {
    const before = await server.stored();
    const answer = await postTenant(server, { name: 'Never' }, { headers: ifMatch(header) });
    expect(answer.status).toBe(400);
    const [item] = errorItems(answer);
    expect(item).toMatchObject({
      code: 'VALIDATE_FAILED',
      detail: { path: '', rule: 'pattern', header: 'If-Match' },
    });
    expect(item?.message).toMatch(/^If-Match: must match /);
    expect(await server.stored()).toEqual(before);
  });

  it('reports a bad If-Match and a bad body together', async () => {
    const answer = await postTenant(server, { recording_retention: 0 }, { headers: ifMatch('') });
    expect(errorItems(answer).map((e) => e.detail)).toEqual([
      { path: '', rule: 'pattern', header: 'If-Match' },
      { path: '/recording_retention', rule: 'minimum' },
    ]);
  });
});

describe('freshness', () => {
  it('a write by another process on the same database shows in the next GET', async () => {
    const before = await getTenant(server);
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    execFileSync(
      process.execPath,
      [
        cli,
        'tenants',
        'set-limits',
        '--db',
        server.dbPath,
        '--tenant',
        server.tenant.id,
        'max_extensions=4321',
      ],
      { stdio: 'pipe' },
    );
    const after = await getTenant(server);
    expect((after.body as { max_extensions: number }).max_extensions).toBe(4321);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('a token revoked by another process is refused at the next request, though it was just used', async () => {
    const { token, tokenId } = await createToken(server.store, server.tenant.id);
    expect((await getTenant(server, token)).status).toBe(200);
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    execFileSync(process.execPath, [cli, 'tokens', 'revoke', '--db', server.dbPath, '--token-id', tokenId], {
      stdio: 'pipe',
    });
    expect((await getTenant(server, token)).status).toBe(401);
  });

  it('a token revoked through the store of this process is refused at the next request', async () => {
    const { token, tokenId } = await createToken(server.store, server.tenant.id);
    expect((await getTenant(server, token)).status).toBe(200);
    await server.store.revokeToken(tokenId);
    expect((await getTenant(server, token)).status).toBe(401);
  });

  it('a write through the store of this process shows in the next GET', async () => {
    await getTenant(server);
    await server.store.mergeSettings(server.tenant.id, { max_call_queues: 7 });
    expect(((await getTenant(server)).body as { max_call_queues: number }).max_call_queues).toBe(7);
  });
});

describe('logs', () => {
  it('one line per request: method, path, status, time; never a token, a body or a query', async () => {
    const secret = 'CANARY-PRIVATE-KEY-0042';
    server.logs.length = 0;
    await postTenant(server, { stir_shaken_key: secret });
    await postTenant(server, { stir_shaken_key: secret, bogus: 1 });
    await inject(server, 'GET', { token: server.tenant.token, path: `/tenant?token=${secret}` });
    expect(server.logs).toHaveLength(3);
    const lines = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/api/tenant', 200],
      ['POST', '/api/tenant', 400],
      ['GET', '/api/tenant', 200],
    ]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'path', 'status', 'time']);
      expect(typeof line.ms).toBe('number');
    }
    const text = server.logs.join('');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(server.tenant.token);
  });
});
