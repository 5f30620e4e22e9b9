// Consumer contract: what the real client needs from the Tenant API, recorded against Pact's mock server.
import { MatchersV3 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantClient,
  TenantAuthError,
  TenantConflictError,
  TenantValidationError,
  tenantErrorFromResponse,
} from '../../src/index.js';
import { afterMatched, createPact, VALID_TOKEN } from './pact-setup.js';

const { like, regex, integer, boolean, eachLike, string } = MatchersV3;

const bearer = (token: string) => regex(/^Bearer [\x21-\x7e]+$/, `Bearer ${token}`);
const jsonContentType = regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8');
const errorBody = (code: string, message: string, detail?: unknown) => ({
  errors: eachLike({
    code: regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, code),
    message: string(message),
    ...(detail ? { detail } : {}),
  }),
});

const pact = createPact();
const clientFor = (url: string, token = VALID_TOKEN) =>
  createTenantClient({ baseUrl: `${url}/api`, token, retry: false });

beforeAll(async () => {
  // Compile the validators before the first interaction: under load, compiling inside a test's time
  // with the mock server open once made a run fail without saying why.
  (await import('@tenantctl/schema/validate')).validateTenantUpdate({ name: 'warm-up' });
});

describe('Tenant API consumer contract', () => {
  it('gets the tenant', async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('a request for the tenant')
      .withRequest('GET', '/api/tenant', (builder) => builder.headers({ Authorization: bearer(VALID_TOKEN) }))
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType, ETag: regex(/^(W\/)?".*"$/, '"1-abc"') }).jsonBody(
          like({
            id: string('NzAwNTUxOTA5NzczMTQ4MTYw'),
            name: string('Acme Corporation'),
            timezone: string('America/New_York'),
            enable_audio_recording: boolean(true),
            recording_retention: integer(180),
            contact_match_type: regex(/^(DISABLE|MATCH_EXACTLY|MATCH_LENGTH)$/, 'MATCH_EXACTLY'),
            max_extensions: integer(1000),
          }),
        ),
      )
      .executeTest(
        afterMatched(async (server) => {
          const { tenant, etag } = await clientFor(server.url).getTenantWithETag();
          expect(tenant.name).toBe('Acme Corporation');
          expect(tenant.recording_retention).toBe(180);
          expect(etag).toBe('"1-abc"');
        }),
      );
  });

  it('updates some fields', async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('an update of some fields')
      .withRequest('POST', '/api/tenant', (builder) =>
        builder
          .headers({ Authorization: bearer(VALID_TOKEN), 'Content-Type': jsonContentType })
          .jsonBody({ enable_audio_recording: true, recording_retention: 90, timezone: 'Europe/Berlin' }),
      )
      .willRespondWith(200)
      .executeTest(
        afterMatched(async (server) => {
          await clientFor(server.url).updateTenant({
            enable_audio_recording: true,
            recording_retention: 90,
            timezone: 'Europe/Berlin',
          });
        }),
      );
  });

  it('gets VALIDATE_FAILED for a value the server refuses', async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('an update with an out-of-range value, sent through the raw client')
      .withRequest('POST', '/api/tenant', (builder) =>
        builder
          .headers({ Authorization: bearer(VALID_TOKEN), 'Content-Type': jsonContentType })
          .jsonBody({ recording_retention: 0 }),
      )
      .willRespondWith(400, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(
          errorBody('VALIDATE_FAILED', 'recording_retention: must be >= 1', {
            path: string('/recording_retention'),
            rule: string('minimum'),
          }),
        ),
      )
      .executeTest(
        afterMatched(async (server) => {
          const client = clientFor(server.url);
          // The typed method refuses this before sending; the raw client is how a bad body reaches a server.
          const { response, error } = await client.raw.POST('/tenant', {
            body: { recording_retention: 0 } as never,
          });
          const mapped = tenantErrorFromResponse(response, error, {
            method: 'POST',
            url: `${server.url}/api/tenant`,
          });
          expect(mapped).toBeInstanceOf(TenantValidationError);
          expect(mapped.codes).toEqual(['VALIDATE_FAILED']);
          expect((mapped as TenantValidationError).violations[0]).toMatchObject({
            path: '/recording_retention',
          });
        }),
      );
  });

  it('is refused without a valid token', async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('a request with a token the server does not know')
      .withRequest('GET', '/api/tenant', (builder) =>
        builder.headers({ Authorization: 'Bearer not-a-valid-token' }),
      )
      .willRespondWith(401, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType, 'WWW-Authenticate': regex(/^Bearer\b.*/, 'Bearer') })
          .jsonBody(errorBody('UNAUTHORIZED', 'A valid bearer token is required.')),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await clientFor(server.url, 'not-a-valid-token')
            .getTenant()
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TenantAuthError);
          expect((error as TenantAuthError).status).toBe(401);
        }),
      );
  });

  it('is told of a conflicting change (If-Match no longer matches)', async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('an update with a stale If-Match')
      .withRequest('POST', '/api/tenant', (builder) =>
        builder
          .headers({
            Authorization: bearer(VALID_TOKEN),
            'Content-Type': jsonContentType,
            'If-Match': '"stale-etag"',
          })
          .jsonBody({ name: 'Acme Renamed' }),
      )
      .willRespondWith(412, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody(errorBody('PRECONDITION_FAILED', 'The tenant was changed since it was read.')),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await clientFor(server.url)
            .updateTenant({ name: 'Acme Renamed' }, { ifMatch: '"stale-etag"' })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TenantConflictError);
        }),
      );
  });
});
