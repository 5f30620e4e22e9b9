import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../src/check-packages.js';

const broken = mkdtempSync(join(tmpdir(), 'hygiene-'));
afterAll(() => rmSync(broken, { recursive: true, force: true }));

/** An ES module package `broken` whose types are said to be in `types`, with `files` written beside it. */
function brokenPackage(types: string, files: Record<string, string>) {
  const exports = { '.': { types, default: './index.js' } };
  writeFileSync(
    join(broken, 'package.json'),
    JSON.stringify({ name: 'broken', version: '1.0.0', type: 'module', exports }),
  );
  writeFileSync(join(broken, 'index.js'), 'export const x = 1;\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(broken, name), text);
  return { name: 'broken', version: '1.0.0', dir: broken };
}

describe('checkPackage', () => {
  it('passes @tenantctl/schema as built', async () => {
    const dir = fileURLToPath(new URL('../../schema', import.meta.url));
    expect(await checkPackage({ name: '@tenantctl/schema', version: '0', dir })).toEqual([]);
  });

  it('names what publint finds: exports that lead nowhere', async () => {
    expect(await checkPackage(brokenPackage('./missing.d.ts', {}))).toEqual([
      'broken: publint error: pkg.exports["."].types is ./missing.d.ts but the file does not exist.',
    ]);
  });

  it('names what Are the Types Wrong finds: CommonJS types for an ES module under node16', async () => {
    const problems = await checkPackage(
      brokenPackage('./index.d.cts', { 'index.d.cts': 'export declare const x: number;\n' }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^broken: Are the Types Wrong:[\s\S]*node16 \(from ESM\): 🎭 Masquerading as CJS/,
    );
  });
});
