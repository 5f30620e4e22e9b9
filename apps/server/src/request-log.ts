// The server's log: one JSON line per request (method, path, status, time) and one per failure, in
// pino's format. Never a header (the token), a body (`stir_shaken_key`) or a query string.
import { pino } from 'pino';

export interface LogOptions {
  level?: string;
  /** Where lines go; stdout by default (buffered: a synchronous write per line halved GET throughput). */
  stream?: NodeJS.WritableStream;
}

export interface RequestLog {
  /** Whether request lines are written at all (level `info` or lower). */
  readonly requests: boolean;
  /** One line for an answered request. */
  request(method: string, url: string, status: number, ms: number): void;
  /** One line for a request the server failed (5xx), with the error. */
  failure(method: string, url: string, error: unknown): void;
  /** One line when the database stops answering (with why), and one when it answers again. */
  database(available: boolean, reason?: string): void;
  flush(): void;
}

/** The path of a request URL without its query string, which may hold a secret. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Stdout, written at most once a millisecond with every line since the last write. A write per line
 * halved GET throughput, and a write per turn of the event loop still cost a system call every few
 * requests (bench/results.md); sonic-boom's buffer (pino.destination) measures its whole length at
 * every line, which cost a sixth of it. A line waits a millisecond at most; closing flushes the rest.
 */
function batchedStdout(): NodeJS.WritableStream & { flush(): void } {
  let lines: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    process.stdout.write(text);
  };
  return {
    write(line: string) {
      lines.push(line);
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 1);
      }
      return true;
    },
    flush,
  } as unknown as NodeJS.WritableStream & { flush(): void };
}

export function createRequestLog(options: LogOptions = {}): RequestLog {
  const stream = options.stream ?? batchedStdout();
  const logger = pino({ level: options.level ?? 'info', base: null }, stream);
  return {
    requests: logger.isLevelEnabled('info'),
    // Four plain fields: serializing fastify's whole request and reply cost a third of a GET's throughput.
    request(method, url, status, ms) {
      logger.info({ method, path: pathOf(url), status, ms: Math.round(ms * 10) / 10 });
    },
    failure(method, url, error) {
      logger.error({ method, path: pathOf(url), err: error }, 'request failed');
    },
    database(available, reason) {
      if (available) logger.info('database available again');
      else logger.error({ reason }, 'database unavailable: answering 503 until it is back');
    },
    flush: () => logger.flush(),
  };
}
