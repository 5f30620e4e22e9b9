// The server's log: one line per request with method, path, status and time, and one line per failure.
// Never a header (the token), a body (`stir_shaken_key`) or a query string.
import { pino } from 'pino';

export interface LogOptions {
  level?: string;
  /** Where lines go; stdout by default (buffered: a synchronous write per line halved GET throughput). */
  stream?: NodeJS.WritableStream;
}

export type RequestLog = pino.Logger;

export function createRequestLog(options: LogOptions = {}): RequestLog {
  return pino(
    { level: options.level ?? 'info', base: null },
    options.stream ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

/** The path of a request URL without its query string, which may hold a secret. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
