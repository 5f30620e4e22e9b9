// Requests to the API of a test server: through `app.inject` (no socket) or over real HTTP.
import type { TestServer } from '../../src/testing/index.js';

export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  /** The body parsed as JSON (undefined for an empty body). */
  body: unknown;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** One request through `app.inject`: the whole fastify pipeline, without a socket. */
export async function inject(
  server: TestServer,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD',
  options: { token?: string; headers?: Record<string, string>; body?: unknown; path?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(options.token === undefined ? {} : bearer(options.token)),
    ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const payload =
    options.body === undefined || typeof options.body === 'string' || Buffer.isBuffer(options.body)
      ? (options.body as string | Buffer | undefined)
      : JSON.stringify(options.body);
  const response = await server.app.inject({
    method,
    url: new URL(server.url).pathname + (options.path ?? '/tenant'),
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  const text = response.body;
  return {
    status: response.statusCode,
    headers: response.headers as Record<string, string | undefined>,
    text,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

export const getTenant = (server: TestServer, token = server.tenant.token) =>
  inject(server, 'GET', { token });

export const postTenant = (
  server: TestServer,
  body: unknown,
  options: { token?: string; headers?: Record<string, string> } = {},
) => inject(server, 'POST', { token: options.token ?? server.tenant.token, body, headers: options.headers });

/** The codes of a vendor error body. */
export function errorCodes(answer: Answer): string[] {
  return (answer.body as { errors: { code: string }[] }).errors.map((e) => e.code);
}

/** The items of a vendor error body. */
export function errorItems(answer: Answer) {
  return (answer.body as { errors: { code: string; message: string; detail?: Record<string, string> }[] })
    .errors;
}
