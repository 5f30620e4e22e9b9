import { describe, expect, it, vi } from 'vitest';
import { processIo } from '../src/io.js';

describe('processIo', () => {
  it('writes whole lines to stdout and stderr', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const io = processIo({ color: true, verbose: true });
      io.out('data');
      io.out('more\n');
      io.err('message');
      expect(out.mock.calls.map((c) => c[0])).toEqual(['data\n', 'more\n']);
      expect(err.mock.calls.map((c) => c[0])).toEqual(['message\n']);
      expect(io.verbose).toBe(true);
      expect(io.env).toBe(process.env);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('colors only a terminal, and never with --no-color or NO_COLOR', () => {
    const tty = process.stdout.isTTY;
    const noColor = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
      expect(processIo({ color: true, verbose: false }).color.bold('x')).toBe('\u001b[1mx\u001b[22m');
      expect(processIo({ color: false, verbose: false }).color.bold('x')).toBe('x');
      process.env.NO_COLOR = '1';
      expect(processIo({ color: true, verbose: false }).color.bold('x')).toBe('x');
      delete process.env.NO_COLOR;
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      expect(processIo({ color: true, verbose: false }).color.bold('x')).toBe('x');
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
      if (noColor === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = noColor;
    }
  });
});

describe('columnsOf', () => {
  it('takes COLUMNS when it is a positive whole number, else the width of a terminal, else none', async () => {
    const { columnsOf } = await import('../src/io.js');
    expect(columnsOf('80', { isTTY: false })).toBe(80);
    expect(columnsOf('80', { isTTY: true, columns: 120 })).toBe(80);
    expect(columnsOf(undefined, { isTTY: true, columns: 120 })).toBe(120);
    expect(columnsOf('wide', { isTTY: true, columns: 100 })).toBe(100);
    expect(columnsOf('0', { isTTY: false })).toBeUndefined();
    expect(columnsOf(undefined, { isTTY: false, columns: 100 })).toBeUndefined();
  });
});
