import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfiguration } from '../../src/doctor/check-configuration.js';
import { scratch } from '../support/harness.js';

const configFile = join(scratch, 'doctor-config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    profiles: {
      default: { url: 'https://pbx.example.com/api', token: 'profile-token-never-shown' },
      lab: {
        url: 'https://lab.example.com/api',
        session: {
          flow: 'current',
          username: 'alice',
          accessToken: 'a-secret',
          refreshToken: 'r-secret',
          issuedAt: 0,
          expiresAt: 1,
        },
      },
    },
  }),
);
const env = (extra: Record<string, string> = {}) => ({ TENANTCTL_CONFIG: configFile, ...extra });
const summaries = async (...args: Parameters<typeof checkConfiguration>) =>
  (await checkConfiguration(...args)).findings.map((one) => `${one.status} ${one.summary}`);

describe('checkConfiguration', () => {
  it('says which profile, URL and credential are in effect and why, never a token', async () => {
    const lines = await summaries({}, env());
    expect(lines).toEqual([
      `ok profile "default" (the default); config file ${configFile}`,
      'ok URL https://pbx.example.com/api (from profile "default")',
      'ok credential: a token from profile "default"',
    ]);
    expect(lines.join('\n')).not.toContain('profile-token-never-shown');
  });

  it('names the flag or variable that won', async () => {
    const lines = await summaries(
      { url: 'http://127.0.0.1:9/api' },
      env({ TENANTCTL_PROFILE: 'lab', TENANTCTL_TOKEN: 'env-token' }),
    );
    expect(lines).toEqual([
      `ok profile "lab" (TENANTCTL_PROFILE); config file ${configFile}`,
      'ok URL http://127.0.0.1:9/api (from --url)',
      `ok credential: a token from TENANTCTL_TOKEN; the profile's session is not used: TENANTCTL_TOKEN wins`,
    ]);
  });

  it("uses the profile's session for its own URL, and says why it is not used for another", async () => {
    expect(await summaries({ profile: 'lab' }, env())).toContain(
      'ok credential: the session of profile "lab"',
    );
    expect(await summaries({ profile: 'lab', url: 'https://other.example.com/api' }, env())).toContain(
      'fail no credential (the session of profile "lab" is for https://lab.example.com/api, not https://other.example.com/api)',
    );
  });

  it('fails without a URL, with a URL that is not http(s), and with a profile that does not exist', async () => {
    const empty = join(scratch, 'none.json');
    expect(await summaries({}, { TENANTCTL_CONFIG: empty })).toContain('fail no server URL');
    expect(await summaries({ url: 'ftp://pbx/api' }, env())).toContain(
      'fail the URL ftp://pbx/api (from --url) is not an http(s) URL',
    );
    expect(await summaries({ profile: 'nope' }, env())).toEqual([
      'fail no profile "nope"; create it with tenantctl config set --profile nope --url URL',
    ]);
  });
});
