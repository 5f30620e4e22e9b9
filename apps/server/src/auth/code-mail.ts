// One-time codes "mailed" as files: one file per message in the mail folder, for people and tests to
// read. The code is never logged.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UserRecord } from '../storage/tenant-store.js';

export interface CodeMailer {
  send(user: UserRecord, code: string, validMinutes: number): Promise<void>;
}

/** Writes `<time>-<user>.eml` into `dir` (created, mode 0700; files 0600: they hold a secret). */
export function fileMailer(dir: string): CodeMailer {
  let sequence = 0;
  return {
    async send(user, code, validMinutes) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replaceAll(':', '-');
      const name = `${stamp}-${String(++sequence).padStart(4, '0')}-${user.username.replace(/[^\w.-]/g, '_')}.eml`;
      const text = [
        `To: ${user.email ?? `${user.username} (no address on file)`}`,
        'Subject: Your sign-in code',
        '',
        `Your one-time code is ${code}. It is valid for ${validMinutes} minutes.`,
        '',
      ].join('\r\n');
      await writeFile(join(dir, name), text, { mode: 0o600 });
    },
  };
}
