// Small stand-ins for the fetch API's Headers, Request, Response and FormData, for the CLI process only.
// Node 20 keeps those classes in undici, loaded on first use: about 30 ms, a fifth of a `tenantctl get`.
// The CLI sends its requests through node:http (node-http-fetch.ts), so only openapi-fetch and the
// client touch these classes, and only the parts implemented here. main.ts installs them.
import type { IncomingMessage } from 'node:http';

type HeaderSource = LiteHeaders | Headers | Iterable<readonly [string, string]> | Record<string, string>;

/** Headers: case-insensitive names, `append` joins values with `, `, iteration in name order. */
export class LiteHeaders {
  readonly #values = new Map<string, string>();

  constructor(init?: HeaderSource) {
    if (!init) return;
    const pairs: Iterable<readonly [string, string]> =
      Symbol.iterator in init ? (init as Iterable<readonly [string, string]>) : Object.entries(init);
    for (const [name, value] of pairs) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const now = this.#values.get(key);
    this.#values.set(key, now === undefined ? String(value) : `${now}, ${value}`);
  }
  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), String(value));
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }
  *entries(): IterableIterator<[string, string]> {
    yield* [...this.#values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  keys(): IterableIterator<string> {
    return [...this.entries()].map(([name]) => name)[Symbol.iterator]();
  }
  values(): IterableIterator<string> {
    return [...this.entries()].map(([, value]) => value)[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

interface LiteRequestInit {
  method?: string;
  headers?: HeaderSource;
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
  redirect?: RequestRedirect;
}

/** A request as openapi-fetch builds it: a URL, a method, headers and a string or byte body. */
export class LiteRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: LiteHeaders;
  readonly signal: AbortSignal;
  readonly redirect: RequestRedirect;
  readonly #body: string | Uint8Array | undefined;

  constructor(url: string, init: LiteRequestInit = {}) {
    this.url = new URL(url).href;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new LiteHeaders(init.headers);
    this.signal = init.signal ?? new AbortController().signal;
    this.redirect = init.redirect ?? 'follow';
    this.#body = init.body ?? undefined;
  }

  /** Not a stream: only whether there is a body (`null` when there is none), as the client asks. */
  get body(): object | null {
    return this.#body === undefined ? null : {};
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = typeof this.#body === 'string' ? Buffer.from(this.#body) : (this.#body ?? new Uint8Array());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}

/**
 * A response over a node:http message: status, headers, and the body read once as text, JSON or bytes.
 * A body cut short by the request's signal rejects with the signal's reason, as fetch's does.
 */
export class LiteResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LiteHeaders;
  readonly body: { cancel(): Promise<void> } | null;
  readonly #incoming: IncomingMessage | undefined;
  readonly #signal: AbortSignal | undefined;

  constructor(
    incoming: IncomingMessage | undefined,
    init: { status: number; statusText?: string; headers: LiteHeaders; signal?: AbortSignal },
  ) {
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers;
    this.#incoming = incoming;
    this.#signal = init.signal;
    this.body = incoming
      ? {
          cancel: async () => {
            incoming.destroy();
          },
        }
      : null;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return (await this.#bytes()).toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async #bytes(): Promise<Buffer> {
    const incoming = this.#incoming;
    if (!incoming) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
    } catch (error) {
      throw this.#signal?.aborted ? this.#signal.reason : error;
    }
    // A message cut short without an error (the socket closed) is not a whole body either.
    if (!incoming.complete) throw this.#signal?.aborted ? this.#signal.reason : new TypeError('terminated');
    return Buffer.concat(chunks);
  }
}

/** Only so that `body instanceof FormData` can be asked: the CLI never sends a form. */
export class LiteFormData {}

/** Puts the stand-ins in place of undici's classes, before the client is loaded. */
export function installLiteWebClasses(): void {
  Object.assign(globalThis, {
    Headers: LiteHeaders,
    Request: LiteRequest,
    Response: LiteResponse,
    FormData: LiteFormData,
  });
}
