// Named profiles in the user's config dir (XDG on Linux): a base URL and where the token comes from,
// or the session of `tenantctl auth login`.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoredSession } from '@tenantctl/client/session';
import envPaths from 'env-paths';
import { usageError } from './exit-error.js';

export interface Profile {
  url?: string;
  /** The token itself (the file is then kept at mode 0600). */
  token?: string;
  /** A file holding the token. */
  tokenFile?: string;
  /**
   * The session of `tenantctl auth login` at `url`: the user, the flow, the tokens and their expiry
   * (secrets: the file is kept at mode 0600), never the password.
   */
  session?: StoredSession;
}

export interface ConfigFile {
  profiles: Record<string, Profile>;
}

export function configPath(env: NodeJS.ProcessEnv): string {
  if (env.TENANTCTL_CONFIG) return env.TENANTCTL_CONFIG;
  const base = env.XDG_CONFIG_HOME || undefined;
  return base
    ? join(base, 'tenantctl', 'config.json')
    : join(envPaths('tenantctl', { suffix: '' }).config, 'config.json');
}

export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { profiles: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch {
    throw usageError(`${path} is not valid JSON; fix it or remove it and run tenantctl config set again`);
  }
}

/** Written whole, then renamed into place; always 0600 since a profile may hold a token. */
export async function writeConfig(path: string, config: ConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** Reads the config, changes one profile and writes it back (removing it when `change` says undefined). */
export async function updateProfile(
  path: string,
  name: string,
  change: (profile: Profile | undefined) => Profile | undefined,
): Promise<void> {
  const config = await readConfig(path);
  const next = change(config.profiles[name]);
  if (next === undefined) delete config.profiles[name];
  else config.profiles[name] = next;
  await writeConfig(path, config);
}

/** The lock file that serializes changes to a profile's session (see file-lock.ts). */
export function configLockPath(path: string): string {
  return `${path}.lock`;
}
