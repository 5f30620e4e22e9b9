import { describe, expect, it } from 'vitest';
import { loadYaml } from '../src/load-yaml.js';

describe('loadYaml', () => {
  it('gives the yaml functions, however the module is imported', async () => {
    const { parse, stringify } = await loadYaml();
    expect(parse('a: 1\nb: [x]\n')).toEqual({ a: 1, b: ['x'] });
    expect(stringify({ a: 1 })).toBe('a: 1\n');
  });
});
