// A real HTTP server on loopback that answers from a script and records what it received.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
  /** Close the socket without answering (a network error). */
  destroy?: boolean;
  /** Send the headers and the start of a body, then nothing more (a body that never completes). */
  trickle?: boolean;
}

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedServer {
  baseUrl: string;
  received: ReceivedRequest[];
  /** Answers in order; the last one repeats. */
  script(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let answers: ScriptedAnswer[] = [{ status: 200, body: {} }];
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? { status: 500 };
      if (answer.hang) return;
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      if (answer.trickle) {
        res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"name":');
        return;
      }
      const text =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    received,
    script(...next) {
      answers = next;
      received.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
