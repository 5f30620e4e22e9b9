// Which profile, URL and credential are in effect, and why (flags win over the environment, the
// environment over the profile): the same choice every command makes, described without a secret.
import { configPath, readConfig } from '../config-file.js';
import { type ConnectionChoice, type ConnectionFlags, chooseConnection } from '../connection.js';
import { ExitError } from '../exit-error.js';
import { type Finding, finding } from './finding.js';

export interface ConfigurationResult {
  findings: Finding[];
  choice?: ConnectionChoice;
}

export async function checkConfiguration(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): Promise<ConfigurationResult> {
  const path = configPath(env);
  let profiles: Awaited<ReturnType<typeof readConfig>>['profiles'];
  try {
    profiles = (await readConfig(path)).profiles;
  } catch (error) {
    return {
      findings: [
        finding(
          'configuration',
          'fail',
          `the config file ${path} cannot be read: ${(error as Error).message}`,
          { advice: 'fix or remove it (tenantctl config set rewrites it)' },
        ),
      ],
    };
  }
  let choice: ConnectionChoice;
  try {
    choice = chooseConnection(flags, env, profiles);
  } catch (error) {
    if (error instanceof ExitError) return { findings: [finding('configuration', 'fail', error.message)] };
    throw error;
  }
  const { profileName } = choice;
  const profile = profiles[profileName];
  const findings = [
    finding(
      'configuration',
      'ok',
      `profile "${profileName}" (${choice.profileFrom})${profile ? '' : ', not in the config file'}; config file ${path}`,
      {
        data: { profile: profileName, configFile: path, profileExists: profile !== undefined },
      },
    ),
  ];
  if (!choice.url) {
    findings.push(
      finding('configuration', 'fail', 'no server URL', {
        advice:
          'pass --url, set TENANTCTL_URL, run tenantctl auth login, or run tenantctl config set --url URL',
      }),
    );
    return { findings, choice };
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(choice.url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    findings.push(
      finding(
        'configuration',
        'fail',
        `the URL ${choice.url} (from ${choice.urlFrom}) is not an http(s) URL`,
        {
          advice: 'the API base, e.g. https://pbx.example.com/api',
        },
      ),
    );
    return { findings };
  }
  findings.push(
    finding('configuration', 'ok', `URL ${choice.url} (from ${choice.urlFrom})`, {
      data: { url: choice.url, urlFrom: choice.urlFrom },
    }),
  );
  if (choice.token) {
    const unused =
      profile?.session && choice.token.from !== 'session'
        ? `; the profile's session is not used: ${choice.token.source} wins`
        : '';
    findings.push(
      finding(
        'configuration',
        'ok',
        `credential: ${choice.token.from === 'session' ? '' : 'a token from '}${choice.token.source}${unused}`,
        { data: { credentialFrom: choice.token.source } },
      ),
    );
  } else {
    findings.push(
      finding(
        'configuration',
        'fail',
        `no credential${choice.sessionSkipped ? ` (${choice.sessionSkipped})` : ''}`,
        {
          advice: 'run tenantctl auth login, set TENANTCTL_TOKEN, or pass --token-file FILE or --token-stdin',
        },
      ),
    );
  }
  return { findings, choice };
}
