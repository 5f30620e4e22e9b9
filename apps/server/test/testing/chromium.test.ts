import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/testing/chromium.js';

describe('chromiumPath', () => {
  it("is CHROMIUM_PATH when that file exists, else Debian's, else none", () => {
    const saved = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = process.execPath; // a file that exists
      expect(chromiumPath()).toBe(process.execPath);
      process.env.CHROMIUM_PATH = '/nonexistent/chromium';
      expect(chromiumPath()).not.toBe('/nonexistent/chromium');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
