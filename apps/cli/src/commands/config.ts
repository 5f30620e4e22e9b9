import { stat } from 'node:fs/promises';
import type { CommandDeps } from '../command-deps.js';
import { configPath, type Profile, readConfig, writeConfig } from '../config-file.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import type { ConfigOptions } from '../program.js';

/** `tenantctl config set`: a profile's URL and token source; a token itself comes from stdin, never argv. */
export async function set(options: ConfigOptions, { io }: CommandDeps): Promise<ExitCodeValue> {
  const name = options.profile ?? 'default';
  if (!options.url && !options.tokenFile && !options.tokenStdin) {
    throw usageError('give --url, --token-file FILE or --token-stdin');
  }
  if (options.url) {
    try {
      new URL(options.url);
    } catch {
      throw usageError(`--url "${options.url}" is not an absolute URL (e.g. https://pbx.example.com/api)`);
    }
  }
  if (options.tokenFile)
    await stat(options.tokenFile).catch(() => Promise.reject(usageError(`no file ${options.tokenFile}`)));
  const path = configPath(io.env);
  const config = await readConfig(path);
  const profile: Profile = { ...config.profiles[name] };
  if (options.url) profile.url = options.url;
  if (options.tokenFile) {
    profile.tokenFile = options.tokenFile;
    delete profile.token;
  }
  if (options.tokenStdin) {
    const token = (await io.readStdin()).trim();
    if (!token) throw usageError('no token on standard input');
    profile.token = token;
    delete profile.tokenFile;
  }
  config.profiles[name] = profile;
  await writeConfig(path, config);
  io.err(`Saved profile "${name}" in ${path} (mode 0600).`);
  return ExitCode.ok;
}

function describe(profile: Profile): string {
  const token = profile.token
    ? 'stored in the config file'
    : profile.tokenFile
      ? `from ${profile.tokenFile}`
      : 'not set';
  return `url: ${profile.url ?? '(not set)'}\ntoken: ${token}`;
}

export async function show(options: ConfigOptions, { io }: CommandDeps): Promise<ExitCodeValue> {
  const name = options.profile ?? 'default';
  const profile = (await readConfig(configPath(io.env))).profiles[name];
  if (!profile)
    throw usageError(`no profile "${name}"; create it with tenantctl config set --profile ${name} --url URL`);
  io.out(`profile: ${name}\n${describe(profile)}`);
  return ExitCode.ok;
}

export async function list(_options: ConfigOptions, { io }: CommandDeps): Promise<ExitCodeValue> {
  const path = configPath(io.env);
  const { profiles } = await readConfig(path);
  io.err(`Profiles in ${path}:`);
  for (const [name, profile] of Object.entries(profiles)) io.out(`${name}\t${profile.url ?? ''}`);
  return ExitCode.ok;
}

export async function remove(options: ConfigOptions, { io }: CommandDeps): Promise<ExitCodeValue> {
  const name = options.profile ?? 'default';
  const path = configPath(io.env);
  const config = await readConfig(path);
  if (!config.profiles[name]) throw usageError(`no profile "${name}"`);
  delete config.profiles[name];
  await writeConfig(path, config);
  io.err(`Removed profile "${name}".`);
  return ExitCode.ok;
}
