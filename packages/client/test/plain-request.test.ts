// The request the typed methods hand the transport: what openapi-fetch built, held as it is.
import { describe, expect, it } from 'vitest';
import { notReplayable, PlainRequest, typedClient } from '../src/plain-request.js';

describe('PlainRequest', () => {
  it('keeps URL, method, body, redirect and signal, and headers as a lower-case record', () => {
    const signal = new AbortController().signal;
    const request = new PlainRequest('http://pbx.test/api/tenant', {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json', 'If-Match': '"1"' }),
      body: '{"a":1}',
      redirect: 'manual',
      signal,
    });
    expect(request).toMatchObject({
      url: 'http://pbx.test/api/tenant',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-match': '"1"' },
      body: '{"a":1}',
      redirect: 'manual',
      signal,
      replayable: true,
    });
  });

  it('defaults to a GET without headers or body that follows redirects, and reads headers of any shape', () => {
    expect(new PlainRequest('http://x/')).toMatchObject({
      method: 'GET',
      headers: {},
      body: undefined,
      redirect: 'follow',
      signal: undefined,
    });
    expect(new PlainRequest('http://x/', { headers: [['X-A', '1']] }).headers).toEqual({ 'x-a': '1' });
    expect(new PlainRequest('http://x/', { headers: { 'X-B': '2' } }).headers).toEqual({ 'x-b': '2' });
  });

  it('is not replayable when the call says so', () => {
    expect(new PlainRequest('http://x/', { method: 'POST', ...notReplayable }).replayable).toBe(false);
  });

  it('is made from a fetch Request, its body read once', async () => {
    const request = await PlainRequest.from(
      new Request('http://x/api/tenant', { method: 'POST', body: 'hello', headers: { 'X-C': '3' } }),
    );
    expect(request).toMatchObject({ method: 'POST', headers: { 'x-c': '3' } });
    expect(new TextDecoder().decode(request.body as ArrayBuffer)).toBe('hello');
    expect((await PlainRequest.from(new Request('http://x/'))).body).toBeUndefined();
  });
});

describe('typedClient', () => {
  it('has openapi-fetch build plain requests and send them with the caller signal', async () => {
    const seen: { request: PlainRequest; signal: AbortSignal | undefined }[] = [];
    const client = typedClient('http://pbx.test/api', async (request, signal) => {
      seen.push({ request, signal });
      return new Response('{"name":"Acme"}', { headers: { 'Content-Type': 'application/json' } });
    });
    const signal = new AbortController().signal;
    const { data } = await client.GET('/tenants/{id}', { params: { path: { id: 'T1' } }, signal });
    expect(data).toEqual({ name: 'Acme' });
    expect(seen[0]?.request).toBeInstanceOf(PlainRequest);
    expect(seen[0]?.request.url).toBe('http://pbx.test/api/tenants/T1');
    expect(seen[0]?.signal).toBe(signal);
  });
});
