// The names of the tenants a PBX showed lately, kept beside the config file per server URL, so that a
// shell completes `--tenant <TAB>` from a file and never waits on the network. Written by the commands
// that read or change the collection; a name is not a secret, but the file is 0600 as the config is.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** How long the names count as current: older ones are still offered, and a refresh is due. */
export const NAMES_FRESH_MS = 5 * 60_000;

interface Entry {
  /** When the names were read (ms since the epoch). */
  at: number;
  names: string[];
}

type CacheFile = Record<string, Entry>;

export function namesCachePath(configFile: string): string {
  return join(dirname(configFile), 'tenant-names.json');
}

async function readCache(path: string): Promise<CacheFile> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as CacheFile) : {};
  } catch {
    return {}; // none yet, or unreadable: a cache, nothing to report
  }
}

/** The names kept for `url`, and whether they are fresh; none when nothing is kept. */
export async function cachedNames(
  path: string,
  url: string,
  now = Date.now(),
): Promise<{ names: string[]; fresh: boolean }> {
  const entry = (await readCache(path))[url];
  if (!entry || !Array.isArray(entry.names)) return { names: [], fresh: false };
  return {
    names: entry.names.filter((name) => typeof name === 'string'),
    fresh: now - entry.at < NAMES_FRESH_MS,
  };
}

/**
 * Changes the names kept for `url`: `all` replaces them (a whole list was read), `add` and `remove`
 * adjust them. Failing to write is not an error of the command that called it: it is only a cache.
 */
export async function updateNames(
  path: string,
  url: string,
  change: { all?: readonly string[]; add?: readonly string[]; remove?: readonly string[] },
  now = Date.now(),
): Promise<void> {
  try {
    const cache = await readCache(path);
    const names = new Set(change.all ?? cache[url]?.names ?? []);
    for (const name of change.add ?? []) names.add(name);
    for (const name of change.remove ?? []) names.delete(name);
    cache[url] = { at: change.all ? now : (cache[url]?.at ?? 0), names: [...names].sort() };
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(cache)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  } catch {
    // a cache that cannot be written is a cache that is not there
  }
}
