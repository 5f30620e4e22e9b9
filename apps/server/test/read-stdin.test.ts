import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFirstLine } from '../src/read-stdin.js';

describe('readFirstLine', () => {
  it.each([
    [['secret\nnext\n'], 'secret'],
    [['sec', 'ret\r\n'], 'secret'],
    [['no line break'], 'no line break'],
    [[], ''],
    [['\nsecond'], ''],
  ])('%j → %j', async (chunks, line) => {
    expect(await readFirstLine(Readable.from(chunks))).toBe(line);
  });
});
