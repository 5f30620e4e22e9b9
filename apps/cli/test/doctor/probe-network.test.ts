// Real sockets on 127.0.0.1 only. A name that does not resolve is not tested: finding that out asks
// the machine's resolver, which may ask the network.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { probeNetwork, targetOf } from '../../src/doctor/probe-network.js';

const certificate = (name: string) => ({
  key: readFileSync(new URL(`certificates/${name}.key`, import.meta.url)),
  cert: readFileSync(new URL(`certificates/${name}.crt`, import.meta.url)),
});
const servers: Server[] = [];
const sockets = new Set<Socket>();
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listening(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('targetOf', () => {
  it('takes the port from the URL or the scheme, and strips the brackets of an IPv6 address', () => {
    expect(targetOf(new URL('https://pbx.example.com/api'))).toEqual({
      host: 'pbx.example.com',
      port: 443,
      tls: true,
    });
    expect(targetOf(new URL('http://[::1]:8080/api'))).toEqual({ host: '::1', port: 8080, tls: false });
  });
});

describe('probeNetwork', () => {
  it('looks up a name, connects, and stops at plain HTTP', async () => {
    const port = await listening(createServer((socket) => socket.end()));
    const { findings, reachable } = await probeNetwork({ host: 'localhost', port, tls: false }, 5000);
    expect(reachable).toBe(true);
    expect(findings.map((one) => one.status)).toEqual(['ok', 'ok']);
    expect(findings[0]?.summary).toMatch(/^DNS: localhost → .*(127\.0\.0\.1|::1)/);
  });

  it('says a refused connection is refused, and goes no further', async () => {
    const closed = createServer();
    const port = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.splice(servers.indexOf(closed), 1);
    const { findings, reachable } = await probeNetwork({ host: '127.0.0.1', port, tls: false }, 5000);
    expect(reachable).toBe(false);
    expect(findings.at(-1)).toMatchObject({
      status: 'fail',
      summary: `TCP: cannot connect to 127.0.0.1 port ${port} (ECONNREFUSED)`,
    });
  });

  it('says when a listener takes the connection but never does TLS', async () => {
    const port = await listening(createServer(() => undefined));
    const { findings, reachable } = await probeNetwork({ host: '127.0.0.1', port, tls: true }, 500);
    expect(reachable).toBe(false);
    expect(findings.at(-1)).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('no TLS handshake in 0.5 s'),
    });
  });

  it('describes a self-signed and an expired certificate', async () => {
    const selfSigned = await listening(createHttpsServer(certificate('self-signed')) as unknown as Server);
    const result = await probeNetwork({ host: '127.0.0.1', port: selfSigned, tls: true }, 5000);
    expect(result.findings.at(-1)).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('pbx.test.local is self-signed'),
      data: { selfSigned: true },
    });
    const expired = await listening(createHttpsServer(certificate('expired')) as unknown as Server);
    const old = await probeNetwork({ host: '127.0.0.1', port: expired, tls: true }, 5000);
    expect(old.findings.at(-1)).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('expired on 2024-02-01'),
    });
  });
});
