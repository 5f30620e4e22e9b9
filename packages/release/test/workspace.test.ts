import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publicPackages } from '../src/workspace.js';

describe('publicPackages', () => {
  it('finds the workspace root from a package and lists the packages a release publishes', async () => {
    const { root, packages } = await publicPackages(fileURLToPath(new URL('.', import.meta.url)));
    expect(root).toBe(fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, ''));
    expect(packages.map((pkg) => pkg.name).sort()).toEqual([
      '@tenantctl/cli',
      '@tenantctl/client',
      '@tenantctl/schema',
    ]);
    expect(packages.every((pkg) => /^\d+\.\d+\.\d+/.test(pkg.version))).toBe(true);
  });
});
