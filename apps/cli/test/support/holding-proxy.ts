// An HTTP proxy in front of the server that holds POSTs until `count` of them have arrived, then lets them
// through one at a time: two commands that read the tenant before either writes, deterministically.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  close(): Promise<void>;
}

export async function startHoldingProxy(upstream: string, count: number): Promise<HoldingProxy> {
  const target = new URL(upstream);
  const held: (() => Promise<void>)[] = [];
  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer) =>
    new Promise<void>((resolve) => {
      const out = forward(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
        },
      );
      out.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (req.method !== 'POST') return void pass(req, res, body);
      held.push(() => pass(req, res, body));
      if (held.length === count) for (const release of held.splice(0)) await release();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
