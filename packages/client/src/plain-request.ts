// What openapi-fetch builds for the typed methods instead of a fetch `Request`: the URL, method,
// headers and serialized body it worked out, held as they are. The transport sends them with one
// fetch; a real Request would cost a second parse of the URL and headers, a body stream to read back,
// and an AbortSignal of its own (made transferable on Node 20): a sixth of a GET's CPU over raw fetch.

import type { paths } from '@tenantctl/schema';
import createClient, { type Client } from 'openapi-fetch';

/**
 * Marks a call whose write must not be sent twice when it may have been applied (a create, a delete):
 * spread `notReplayable` into an openapi-fetch call's options; it reaches the PlainRequest built.
 */
const NOT_REPLAYABLE = Symbol('not replayable');
export const notReplayable = { [NOT_REPLAYABLE]: true } as const;

// Named through RequestInit, not as the DOM's HeadersInit/BodyInit/RequestRedirect: a consumer on
// Node's own types (lib without "DOM") has RequestInit from @types/node but none of those names.
type HeadersInit = NonNullable<RequestInit['headers']>;
type BodyInit = NonNullable<RequestInit['body']>;
type RequestRedirect = NonNullable<RequestInit['redirect']>;

/** The part of RequestInit that openapi-fetch hands to the Request it builds. */
interface PlainRequestInit {
  [NOT_REPLAYABLE]?: boolean;
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  redirect?: RequestRedirect;
  signal?: AbortSignal | null;
}

/** Header names in lower case, as HTTP/2 and fetch's Headers have them. */
export type HeaderRecord = Record<string, string>;

function toRecord(init: HeadersInit | undefined): HeaderRecord {
  const record: HeaderRecord = {};
  if (init === undefined) return record;
  const entries = init instanceof Headers || Array.isArray(init) ? init : Object.entries(init);
  for (const [name, value] of entries) record[name.toLowerCase()] = value;
  return record;
}

export class PlainRequest {
  readonly url: string;
  readonly method: string;
  /**
   * Plain, not a `Headers`: fetch copies a plain object into its request far faster than it iterates
   * (and sorts) a `Headers`.
   */
  readonly headers: HeaderRecord;
  /** The serialized body (JSON text for every operation of the spec), sendable again on a retry. */
  readonly body: BodyInit | undefined;
  readonly redirect: RequestRedirect;
  /** The caller's signal, kept as it is (the transport links it to each attempt's). */
  readonly signal: AbortSignal | undefined;
  /**
   * Whether sending it twice does what sending it once does. A write that is not (a create, a delete)
   * is retried only after an answer that says it was not applied (429, 503), never after a network
   * error or a gateway's 502/504.
   */
  readonly replayable: boolean;

  constructor(url: string, init: PlainRequestInit = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = toRecord(init.headers);
    this.body = init.body ?? undefined;
    this.redirect = init.redirect ?? 'follow';
    this.signal = init.signal ?? undefined;
    this.replayable = init[NOT_REPLAYABLE] !== true;
  }

  /** The same request from a fetch `Request` (the raw client's), its body read once to be replayable. */
  static async from(request: Request): Promise<PlainRequest> {
    return new PlainRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ? await request.arrayBuffer() : undefined,
      redirect: request.redirect,
      signal: request.signal,
    });
  }
}

/**
 * The openapi-fetch client of the typed methods: it builds PlainRequests and hands them to `send` (the
 * transport) with the caller's signal (given as `signal` in a call's options, like any RequestInit
 * field). The public `raw` client builds real Requests, for middleware.
 */
export function typedClient(
  baseUrl: string,
  send: (request: PlainRequest, signal?: AbortSignal) => Promise<Response>,
): Client<paths> {
  return createClient<paths>({
    baseUrl,
    // openapi-fetch only constructs it and reads url, method, headers and body back: see above.
    Request: PlainRequest as unknown as typeof Request,
    fetch: (built) => {
      const request = built as unknown as PlainRequest;
      return send(request, request.signal);
    },
  });
}
