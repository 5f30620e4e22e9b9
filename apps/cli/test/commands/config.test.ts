// Tier 2: `config set|show|list|remove` on a real config file in a temporary folder.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { list, remove, set, show } from '../../src/commands/config.js';
import { harness, scratch } from '../support/harness.js';

const configFile = join(scratch, 'config.json');
const stored = () =>
  JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: Record<string, Record<string, string>> };

describe('config', () => {
  it('set stores a URL and a token from stdin in a file of mode 0600, never echoing the token', async () => {
    const h = harness({ stdin: 'secret-token\n' });
    expect(await set({ profile: 'default', url: 'http://pbx.test/api', tokenStdin: true }, h.deps)).toBe(0);
    expect(h.stderr).toBe(`Saved profile "default" in ${configFile} (mode 0600).\n`);
    expect(stored().profiles.default).toEqual({ url: 'http://pbx.test/api', token: 'secret-token' });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
  });

  it('set with a token file replaces a stored token, and keeps the URL', async () => {
    const tokenFile = join(scratch, 'token');
    writeFileSync(tokenFile, 't');
    await set({ profile: 'default', tokenFile }, harness().deps);
    expect(stored().profiles.default).toEqual({ url: 'http://pbx.test/api', tokenFile });
  });

  it.each([
    [{}, 'give --url, --token-file FILE or --token-stdin'],
    [
      { url: 'pbx.test/api' },
      '--url "pbx.test/api" is not an absolute URL (e.g. https://pbx.example.com/api)',
    ],
    [{ tokenFile: '/nonexistent/token' }, 'no file /nonexistent/token'],
  ])('set refuses %j (exit 2)', async (options, message) => {
    await expect(set(options, harness().deps)).rejects.toMatchObject({ exitCode: 2, message });
  });

  it('set refuses an empty token on stdin', async () => {
    await expect(set({ tokenStdin: true }, harness({ stdin: '\n' }).deps)).rejects.toMatchObject({
      message: 'no token on standard input',
    });
  });

  it('show describes a profile without its token', async () => {
    await set(
      { profile: 'lab', url: 'http://lab/api', tokenStdin: true },
      harness({ stdin: 'lab-secret' }).deps,
    );
    const h = harness();
    await show({ profile: 'lab' }, h.deps);
    expect(h.stdout).toBe('profile: lab\nurl: http://lab/api\ntoken: stored in the config file\n');
    const other = harness();
    await show({ profile: 'default' }, other.deps);
    expect(other.stdout).toBe(
      `profile: default\nurl: http://pbx.test/api\ntoken: from ${join(scratch, 'token')}\n`,
    );
    await expect(show({ profile: 'nope' }, harness().deps)).rejects.toMatchObject({
      message: 'no profile "nope"; create it with tenantctl config set --profile nope --url URL',
    });
  });

  it('list prints name and URL, one per line', async () => {
    const h = harness();
    await list({}, h.deps);
    expect(h.stdout).toBe('default\thttp://pbx.test/api\nlab\thttp://lab/api\n');
    expect(h.stderr).toBe(`Profiles in ${configFile}:\n`);
  });

  it('remove deletes a profile, and refuses one that does not exist', async () => {
    await remove({ profile: 'lab' }, harness().deps);
    expect(Object.keys(stored().profiles)).toEqual(['default']);
    await expect(remove({ profile: 'lab' }, harness().deps)).rejects.toMatchObject({
      message: 'no profile "lab"',
    });
  });
});
