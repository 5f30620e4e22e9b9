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
  it('writes JSON lines with level and time only besides what is logged, at the level asked for', () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) } as unknown as NodeJS.WritableStream;
    const log = createRequestLog({ level: 'warn', stream });
    log.info({ a: 1 });
    log.warn({ b: 2 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['b', 'level', 'time']);
    expect(line.level).toBe(40);
  });
});
