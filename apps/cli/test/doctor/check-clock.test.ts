import { describe, expect, it } from 'vitest';
import { checkClock } from '../../src/doctor/check-clock.js';

const at = Date.parse('2026-11-30T08:00:00.000Z');
const header = (offsetSeconds: number) => new Date(at + offsetSeconds * 1000).toUTCString();

describe('checkClock', () => {
  it('is fine within 30 s, comparing with the middle of the exchange', () => {
    expect(checkClock(header(0), at - 400, at + 400)).toMatchObject({
      status: 'ok',
      summary: "the server's clock is within 1 s of this machine's",
      data: { skewSeconds: 0 },
    });
    expect(checkClock(header(-30), at, at)).toMatchObject({ status: 'ok', data: { skewSeconds: -30 } });
  });

  it('warns from 31 s and fails from 2 minutes, saying which way, with advice', () => {
    expect(checkClock(header(45), at, at)).toMatchObject({
      status: 'warn',
      summary: "the server's clock is 45 s ahead of this machine's",
      advice: expect.stringContaining('NTP'),
    });
    expect(checkClock(header(-600), at, at)).toMatchObject({
      status: 'fail',
      summary: "the server's clock is 10 min behind this machine's",
      data: { skewSeconds: -600 },
    });
  });

  it('warns when there is no Date header, or one that is not a date', () => {
    expect(checkClock(null, at, at)).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('no Date header'),
    });
    expect(checkClock('yesterday-ish', at, at)).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('is not a date: "yesterday-ish"'),
    });
  });
});
