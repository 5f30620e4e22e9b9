import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configLockPath, configPath, readConfig, updateProfile, writeConfig } from '../src/config-file.js';
import { scratch } from './support/harness.js';

describe('configPath', () => {
  it('is TENANTCTL_CONFIG, else under XDG_CONFIG_HOME, else the platform config folder', () => {
    expect(configPath({ TENANTCTL_CONFIG: '/x/c.json', XDG_CONFIG_HOME: '/xdg' })).toBe('/x/c.json');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/tenantctl/config.json');
    expect(configPath({})).toMatch(/tenantctl[/\\]config\.json$/);
    expect(configPath({ XDG_CONFIG_HOME: '' })).toBe(configPath({}));
  });
});

describe('readConfig and writeConfig', () => {
  it('round-trip profiles through a file of mode 0600 in a folder it creates', async () => {
    const path = join(scratch, 'deep', 'er', 'config.json');
    await writeConfig(path, { profiles: { a: { url: 'http://a/api', token: 't' } } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readConfig(path)).toEqual({ profiles: { a: { url: 'http://a/api', token: 't' } } });
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('read no profiles from a missing file or one without profiles', async () => {
    expect(await readConfig(join(scratch, 'none.json'))).toEqual({ profiles: {} });
    const path = join(scratch, 'empty.json');
    writeFileSync(path, '{}');
    expect(await readConfig(path)).toEqual({ profiles: {} });
  });

  it('refuse a file that is not JSON, saying what to do', async () => {
    mkdirSync(join(scratch, 'bad'), { recursive: true });
    const path = join(scratch, 'bad', 'config.json');
    writeFileSync(path, '{nope');
    await expect(readConfig(path)).rejects.toMatchObject({
      exitCode: 2,
      message: `${path} is not valid JSON; fix it or remove it and run tenantctl config set again`,
    });
  });
});

describe('updateProfile', () => {
  it('changes one profile, keeps the others, and removes one when told undefined', async () => {
    const path = join(scratch, 'update', 'config.json');
    await writeConfig(path, { profiles: { a: { url: 'http://a/api' }, b: { url: 'http://b/api' } } });
    await updateProfile(path, 'a', (profile) => ({ ...profile, token: 't' }));
    await updateProfile(path, 'c', (profile) => ({ ...profile, url: 'http://c/api' }));
    await updateProfile(path, 'b', () => undefined);
    expect(await readConfig(path)).toEqual({
      profiles: { a: { url: 'http://a/api', token: 't' }, c: { url: 'http://c/api' } },
    });
    // Written whole and renamed into place: no temporary file is left beside it.
    expect(readdirSync(join(scratch, 'update'))).toEqual(['config.json']);
    expect(configLockPath(path)).toBe(`${path}.lock`);
  });
});
