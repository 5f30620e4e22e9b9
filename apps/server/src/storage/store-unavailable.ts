// The database cannot be reached just now (PostgreSQL down, restarting, a connection cut): the request
// changed nothing, and the server says 503 with Retry-After rather than failing with a 500.
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Connection-level failures of node-postgres and of PostgreSQL itself, by their codes. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

/** Whether an error of the driver means "the database is not reachable", not "the query is wrong". */
export function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  // node-postgres says these in words only.
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}
