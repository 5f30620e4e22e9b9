import { describe, expect, it } from 'vitest';
import { createRequestLog, pathOf } from '../src/request-log.js';

describe('pathOf', () => {
  it.each([
    ['/api/tenant', '/api/tenant'],
    ['/api/tenant?token=secret', '/api/tenant'],
    ['/?a', '/'],
  ])('%s → %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});

describe('createRequestLog', () => {
  const capture = () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) } as unknown as NodeJS.WritableStream;
    return { lines, stream, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  };

  it('writes one JSON line per request: level, time, method, path without query, status, time in ms', () => {
    const out = capture();
    const log = createRequestLog({ stream: out.stream });
    expect(log.requests).toBe(true);
    log.request('GET', '/api/tenant?token=secret', 200, 0.4321);
    const [line] = out.parsed();
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      method: 'GET',
      path: '/api/tenant',
      status: 200,
      ms: 0.4,
    });
    expect(out.lines[0]).not.toContain('secret');
  });

  it('writes failures at level error with the error, and no request lines above info', () => {
    const out = capture();
    const log = createRequestLog({ level: 'warn', stream: out.stream });
    expect(log.requests).toBe(false);
    log.failure('POST', '/api/tenant?x=1', new Error('disk full'));
    const [line] = out.parsed();
    expect(line).toMatchObject({
      level: 50,
      method: 'POST',
      path: '/api/tenant',
      msg: 'request failed',
      err: { message: 'disk full' },
    });
  });
});

describe('the default stream', () => {
  it('writes the lines of a millisecond to stdout in one write, and what is left when flushed', async () => {
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((text: string) => {
      writes.push(text);
      return true;
    }) as typeof process.stdout.write;
    try {
      const log = createRequestLog();
      log.request('GET', '/a', 200, 1);
      log.request('GET', '/b', 404, 2);
      expect(writes).toEqual([]);
      // A timer of 5 ms fires after the log's own of 1 ms, set before it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(writes).toHaveLength(1);
      log.request('GET', '/c', 200, 3);
      log.flush();
    } finally {
      process.stdout.write = write;
    }
    expect(writes).toHaveLength(2);
    expect(
      writes[0]
        ?.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).path),
    ).toEqual(['/a', '/b']);
    expect(JSON.parse(writes[1] ?? '').path).toBe('/c');
  });
});
