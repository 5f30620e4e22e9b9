// Limits: an oversized body is refused before it is read, deep nesting is a 400, and a slow client
// cannot hold the server.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from '../../src/app.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ requestTimeoutMs: 1500 });
});
afterAll(() => server.close());

const headers = () => ({
  Authorization: `Bearer ${server.tenant.token}`,
  'Content-Type': 'application/json',
});
const postTenant = (body: string) =>
  fetch(`${server.url}/tenant`, { method: 'POST', headers: headers(), body });
const getStatus = async () => {
  const response = await fetch(`${server.url}/tenant`, { headers: headers() });
  await response.body?.cancel();
  return response.status;
};

function open(): Promise<Socket> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    socket.on('close', () => resolve(text));
  });
}

describe('limits', () => {
  it('413 for a body one byte over the limit, answered before the body is sent', async () => {
    const socket = await open();
    const answer = readAll(socket);
    socket.write(
      `POST /api/tenant HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.tenant.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${DEFAULT_BODY_LIMIT + 1}\r\nConnection: close\r\n\r\n{"name":"`,
    );
    // Only 9 of the announced bytes were sent, and the answer still comes.
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('"code":"PAYLOAD_TOO_LARGE"');
    console.log(`limits: ${DEFAULT_BODY_LIMIT + 1}-byte body refused with 413 after 9 bytes were sent`);
  });

  it('accepts a body of exactly the limit (then judges its content)', async () => {
    const filler = 'x'.repeat(DEFAULT_BODY_LIMIT - '{"stir_shaken_cert":""}'.length);
    const text = JSON.stringify({ stir_shaken_cert: filler });
    expect(Buffer.byteLength(text)).toBe(DEFAULT_BODY_LIMIT);
    expect((await postTenant(text)).status).toBe(200);
  });

  it('400 for a 10,000-level nested body, and the server keeps answering', async () => {
    const deep = `{"custom_options":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const response = await postTenant(deep);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ code: 'VALIDATE_FAILED', detail: { path: '/custom_options' } }],
    });
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect((await postTenant(objects)).status).toBe(400);
    expect(await getStatus()).toBe(200);
    console.log('limits: 10,000-level nested arrays and objects → 400, server still answering');
  });

  it('a slow-loris client neither blocks others nor holds its connection past the request timeout', async () => {
    const slow = await open();
    const closed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
    slow.write('POST /api/tenant HTTP/1.1\r\nHost: x\r\n');
    let drip = 0;
    const dripper = setInterval(() => {
      if (!slow.destroyed) slow.write(`X-Drip-${drip++}: 1\r\n`);
    }, 200);
    let served = 0;
    for (let i = 0; i < 10; i++) {
      if ((await getStatus()) === 200) served++;
    }
    expect(served).toBe(10);
    await closed; // the server drops it once its request timeout passes
    clearInterval(dripper);
    console.log(
      `limits: slow client dropped by the server after ${drip} header lines; ${served}/10 other requests served meanwhile`,
    );
  });
});
