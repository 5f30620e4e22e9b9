// The names kept for completion: per server, replaced or adjusted, fresh for five minutes, 0600.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedNames, NAMES_FRESH_MS, namesCachePath, updateNames } from '../src/tenant-names-cache.js';
import { scratch } from './support/harness.js';

const fresh = () => join(mkdtempSync(join(scratch, 'names-')), 'tenant-names.json');

describe('the tenant names cache', () => {
  it('lives beside the config file', () => {
    expect(namesCachePath('/home/ops/.config/tenantctl/config.json')).toBe(
      '/home/ops/.config/tenantctl/tenant-names.json',
    );
  });

  it('keeps a whole list per server URL, sorted, fresh until five minutes have passed', async () => {
    const path = fresh();
    await updateNames(path, 'https://eu/api', { all: ['b', 'a'] }, 1_000);
    await updateNames(path, 'https://us/api', { all: ['x'] }, 1_000);
    expect(await cachedNames(path, 'https://eu/api', 1_000 + NAMES_FRESH_MS - 1)).toEqual({
      names: ['a', 'b'],
      fresh: true,
    });
    expect(await cachedNames(path, 'https://eu/api', 1_000 + NAMES_FRESH_MS)).toEqual({
      names: ['a', 'b'],
      fresh: false,
    });
    expect((await cachedNames(path, 'https://us/api', 1_000)).names).toEqual(['x']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('adds and removes names without making the list fresh', async () => {
    const path = fresh();
    await updateNames(path, 'u', { all: ['a', 'b'] }, 1_000);
    await updateNames(path, 'u', { add: ['c'], remove: ['a'] }, 9_999_999);
    expect(await cachedNames(path, 'u', 1_000)).toEqual({ names: ['b', 'c'], fresh: true });
    expect((await cachedNames(path, 'u', 1_000 + NAMES_FRESH_MS)).fresh).toBe(false);
  });

  it('has nothing, not fresh, for a server it never saw, a missing file or one that is not JSON', async () => {
    const path = fresh();
    expect(await cachedNames(path, 'u')).toEqual({ names: [], fresh: false });
    writeFileSync(path, 'not json');
    expect(await cachedNames(path, 'u')).toEqual({ names: [], fresh: false });
    await updateNames(path, 'u', { add: ['a'] });
    expect((await cachedNames(path, 'u')).names).toEqual(['a']);
  });

  it('writing where it cannot is no error: it is only a cache', async () => {
    const file = fresh();
    writeFileSync(file, '{}');
    // Its folder would have to be inside a file.
    await expect(updateNames(join(file, 'sub', 'names.json'), 'u', { all: ['a'] })).resolves.toBeUndefined();
  });
});
