import { readFileSync } from 'node:fs';
import { specPath } from '@tenantctl/schema/spec-file';
import { describe, expect, it } from 'vitest';
import { readSpecVersion, withSpecVersion } from '../src/spec-version.js';

describe('the spec version line', () => {
  const spec = readFileSync(specPath, 'utf8');

  it('reads info.version of the real spec, and it is the version of @tenantctl/schema', async () => {
    const { default: schema } = await import('@tenantctl/schema/package.json', { with: { type: 'json' } });
    expect(readSpecVersion(spec)).toBe(schema.version);
  });

  it('changes that one line and nothing else', () => {
    const next = withSpecVersion(spec, '7.8.9');
    expect(readSpecVersion(next)).toBe('7.8.9');
    const changed = next.split('\n').filter((line, i) => line !== spec.split('\n')[i]);
    expect(changed).toEqual(['  version: 7.8.9']);
  });

  it('finds the version among other info lines, quoted or not, and never a version elsewhere', () => {
    const text = 'openapi: 3.1.0\ninfo:\n  title: T\n  version: "1.0.0"\npaths:\n  /x:\n    version: 9\n';
    expect(readSpecVersion(text)).toBe('1.0.0');
    expect(withSpecVersion(text, '1.1.0')).toBe(text.replace('"1.0.0"', '1.1.0'));
    expect(() => readSpecVersion('openapi: 3.1.0\ninfo:\n  title: T\npaths: {}\n')).toThrow(
      'no info.version',
    );
  });
});
