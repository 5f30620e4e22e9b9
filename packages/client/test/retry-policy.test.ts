import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultRetry,
  notAppliedStatuses,
  parseRetryAfter,
  resolveRetryPolicy,
  retryableStatuses,
} from '../src/retry-policy.js';

describe('resolveRetryPolicy', () => {
  it('is the default, what the caller overrides, or no retries at all', () => {
    expect(defaultRetry).toEqual({ retries: 2, minDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });
    expect(resolveRetryPolicy(undefined)).toEqual(defaultRetry);
    expect(resolveRetryPolicy({ retries: 5 })).toEqual({ ...defaultRetry, retries: 5 });
    expect(resolveRetryPolicy(false)).toEqual({ ...defaultRetry, retries: 0 });
  });
});

describe('backoffDelay', () => {
  it('is within [ceiling/2, ceiling] of min·2^(attempt-1), capped at maxDelayMs', () => {
    const policy = { ...defaultRetry, minDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 2, () => 0)).toBe(100);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(300);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 10, () => 0)).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 7 ', 7000],
    ['3600', 3_600_000],
    ['Sun, 29 Nov 2026 12:00:05 GMT', 5000],
    ['Sun, 29 Nov 2026 11:59:00 GMT', 0],
  ])('%j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, '', '  ', 'soon', '-5', '1.5'])('%j → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('statuses', () => {
  it('retries rate limits and unavailable gateways; replays a conditional write only when nothing was applied', () => {
    expect([...retryableStatuses].sort()).toEqual([429, 502, 503, 504]);
    expect([...notAppliedStatuses].sort()).toEqual([429, 503]);
  });
});
