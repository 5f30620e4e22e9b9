// Reading the one-time codes the server "mailed" (files in its mail folder), as a user reads a mail.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The code of the newest mail to a user, or undefined when none came. */
export async function latestCode(mailDir: string, username: string): Promise<string | undefined> {
  const names = (await readdir(mailDir).catch(() => [] as string[]))
    .filter((name) => name.endsWith(`-${username}.eml`))
    .sort();
  const newest = names.at(-1);
  if (newest === undefined) return undefined;
  return /one-time code is (\d{6})/.exec(await readFile(join(mailDir, newest), 'utf8'))?.[1];
}
