// When and how long to wait before trying a request again: exponential backoff with jitter, Retry-After first.

export interface RetryOptions {
  /** Further attempts after the first one. Default 2. */
  retries?: number;
  /** Backoff before the first retry (doubled each time). Default 250 ms. */
  minDelayMs?: number;
  /** Longest backoff. Default 8000 ms. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the answer is returned as it is. Default 60000 ms. */
  maxRetryAfterMs?: number;
  /** Called before each wait, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  /** Which retry this is: 1 for the first. */
  attempt: number;
  delayMs: number;
  /** `network` or the HTTP status that is retried. */
  reason: 'network' | number;
  method: string;
  url: string;
}

export type RetryPolicy = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

export const defaultRetry: RetryPolicy = {
  retries: 2,
  minDelayMs: 250,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/** Statuses that say "try again later": rate limited, or a gateway/server momentarily unavailable. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Statuses after which the server certainly did not apply a write. Only these are retried for a write
 * sent with `If-Match`: replaying one that was applied would fail with a false 412 conflict.
 */
export const notAppliedStatuses: ReadonlySet<number> = new Set([429, 503]);

export function resolveRetryPolicy(retry: false | RetryOptions | undefined): RetryPolicy {
  if (retry === false) return { ...defaultRetry, retries: 0 };
  return { ...defaultRetry, ...retry };
}

/** Exponential backoff with "equal jitter": between half and all of min·2^(attempt-1), capped. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its day and month in letters; JavaScript would read "1.5" or "-5" as dates too.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
