// Where the URL and the token come from: the precedence rule as a table (tier 1), then resolving a
// connection with injected files and stdin (tier 2).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseConnection, resolveConnection, timeoutMs } from '../src/connection.js';
import { harness, scratch } from './support/harness.js';

const profiles = {
  default: { url: 'http://profile/api', token: 'profile-token' },
  lab: { url: 'http://lab/api', tokenFile: '/lab/token' },
  empty: {},
};

describe('chooseConnection', () => {
  it.each([
    [
      'flags beat everything',
      { url: 'http://flag/api', tokenFile: '/flag' },
      { TENANTCTL_URL: 'http://env/api', TENANTCTL_TOKEN: 'env' },
      'http://flag/api',
      { from: 'file', path: '/flag', source: '--token-file /flag' },
    ],
    [
      '--token-stdin beats --token-file',
      { tokenStdin: true, tokenFile: '/flag' },
      {},
      'http://profile/api',
      { from: 'stdin', source: 'standard input (--token-stdin)' },
    ],
    [
      'the environment beats the profile',
      {},
      { TENANTCTL_URL: 'http://env/api', TENANTCTL_TOKEN: ' env ' },
      'http://env/api',
      { from: 'value', value: 'env', source: 'TENANTCTL_TOKEN' },
    ],
    [
      'the profile is last',
      {},
      {},
      'http://profile/api',
      { from: 'value', value: 'profile-token', source: 'profile "default"' },
    ],
    [
      'an empty environment variable counts as unset',
      {},
      { TENANTCTL_URL: '', TENANTCTL_TOKEN: '  ' },
      'http://profile/api',
      { from: 'value', value: 'profile-token', source: 'profile "default"' },
    ],
    [
      'TENANTCTL_PROFILE picks the profile',
      {},
      { TENANTCTL_PROFILE: 'lab' },
      'http://lab/api',
      { from: 'file', path: '/lab/token', source: 'the token file of profile "lab"' },
    ],
    [
      '--profile beats TENANTCTL_PROFILE',
      { profile: 'lab' },
      { TENANTCTL_PROFILE: 'default' },
      'http://lab/api',
      { from: 'file', path: '/lab/token', source: 'the token file of profile "lab"' },
    ],
    ['an empty profile gives nothing', { profile: 'empty' }, {}, undefined, undefined],
  ])('%s', (_what, flags, env, url, token) => {
    const choice = chooseConnection(flags, env, profiles);
    expect(choice.url).toBe(url);
    expect(choice.token).toEqual(token);
  });

  it('names the profile it used', () => {
    expect(chooseConnection({}, {}, profiles).profileName).toBe('default');
    expect(chooseConnection({}, { TENANTCTL_PROFILE: 'lab' }, profiles).profileName).toBe('lab');
  });

  it('refuses a --profile that does not exist, saying how to make it', () => {
    expect(() => chooseConnection({ profile: 'nope' }, {}, profiles)).toThrow(
      'no profile "nope"; create it with tenantctl config set --profile nope --url URL',
    );
    // Without --profile a missing default profile is no error: flags or environment may do.
    expect(chooseConnection({}, {}, {})).toEqual({
      profileName: 'default',
      profileFrom: 'the default',
      url: undefined,
      token: undefined,
    });
  });
});

describe('chooseConnection with a signed-in profile', () => {
  const session = {
    flow: 'current' as const,
    username: 'alice',
    accessToken: 'a',
    refreshToken: 'r',
    issuedAt: 0,
    expiresAt: 1,
  };
  const signedIn = {
    default: { url: 'http://pbx/api', session },
    both: { url: 'http://pbx/api', token: 'stored', session },
  };
  const fromSession = { from: 'session', session, source: 'the session of profile "default"' };

  it('uses the session last: after flags, the environment and a stored token', () => {
    expect(chooseConnection({}, {}, signedIn).token).toEqual(fromSession);
    expect(chooseConnection({}, { TENANTCTL_TOKEN: 'env' }, signedIn).token).toMatchObject({ from: 'value' });
    expect(chooseConnection({ tokenFile: '/f' }, {}, signedIn).token).toMatchObject({ from: 'file' });
    expect(chooseConnection({ profile: 'both' }, {}, signedIn).token).toMatchObject({ value: 'stored' });
  });

  it('sends a session only to the URL it was signed in at', () => {
    expect(chooseConnection({ url: 'http://pbx/api' }, {}, signedIn).token).toEqual(fromSession);
    expect(chooseConnection({ url: 'http://evil/api' }, {}, signedIn)).toEqual({
      profileName: 'default',
      profileFrom: 'the default',
      url: 'http://evil/api',
      urlFrom: '--url',
      token: undefined,
      sessionSkipped: 'the session of profile "default" is for http://pbx/api, not http://evil/api',
    });
    expect(chooseConnection({}, { TENANTCTL_URL: 'http://evil/api' }, signedIn).token).toBeUndefined();
  });
});

describe('timeoutMs', () => {
  it.each([
    [undefined, undefined],
    ['2', 2000],
    ['0.5', 500],
  ])('--timeout %j → %j ms', (flag, ms) => {
    expect(timeoutMs(flag === undefined ? {} : { timeout: flag })).toBe(ms);
  });

  it.each(['0', '-1', 'soon', 'Infinity', ''])('refuses --timeout %j', (flag) => {
    expect(() => timeoutMs({ timeout: flag })).toThrow('--timeout takes a number of seconds, e.g. 2.5');
  });
});

describe('resolveConnection', () => {
  it('reads the token from a file, trimmed, and says where it came from', async () => {
    const file = join(scratch, 'token');
    writeFileSync(file, '  file-token\n');
    const { deps } = harness({ env: { TENANTCTL_URL: 'http://x/api' } });
    expect(await resolveConnection({ tokenFile: file }, deps)).toEqual({
      url: 'http://x/api',
      token: 'file-token',
      tokenSource: `--token-file ${file}`,
    });
  });

  it('reads the token from standard input', async () => {
    const { deps } = harness({ env: { TENANTCTL_URL: 'http://x/api' }, stdin: 'stdin-token\n' });
    expect((await resolveConnection({ tokenStdin: true }, deps)).token).toBe('stdin-token');
  });

  it.each([
    [
      {},
      {},
      2,
      'no server URL: pass --url, set TENANTCTL_URL, run tenantctl auth login, or run tenantctl config set --url URL',
    ],
    [
      {},
      { TENANTCTL_URL: 'http://x/api' },
      3,
      'no token: run tenantctl auth login, set TENANTCTL_TOKEN, or pass --token-file FILE or --token-stdin',
    ],
    [
      { tokenStdin: true },
      { TENANTCTL_URL: 'http://x/api' },
      3,
      'no token in standard input (--token-stdin)',
    ],
    [
      { tokenFile: '/nonexistent/token' },
      { TENANTCTL_URL: 'http://x/api' },
      2,
      'cannot read the token file /nonexistent/token: no such file',
    ],
  ])('%j with %j → exit %i: %s', async (flags, env, exitCode, message) => {
    const { deps } = harness({ env });
    await expect(resolveConnection(flags, deps)).rejects.toMatchObject({ exitCode, message });
  });

  it('reads profiles from the config file', async () => {
    const config = join(scratch, 'profiles.json');
    writeFileSync(
      config,
      JSON.stringify({ profiles: { default: { url: 'http://p/api', token: 'p-token' } } }),
    );
    const { deps } = harness({ env: { TENANTCTL_CONFIG: config } });
    expect(await resolveConnection({}, deps)).toEqual({
      url: 'http://p/api',
      token: 'p-token',
      tokenSource: 'profile "default"',
    });
  });
});
