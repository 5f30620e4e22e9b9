// Starting and stopping the servers under test as child processes, so the load generator has its own.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const serverCli = join(root, 'apps/server/dist/cli.js');

function waitFor(child, pattern) {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
  });
}

export async function startBareServer(body) {
  const child = spawn(process.execPath, [join(root, 'bench/bare-server.mjs')], {
    env: { ...process.env, BARE_BODY: body },
  });
  const [, port] = await waitFor(child, /listening (\d+)/);
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** The reference server on a fresh SQLite file, with one tenant; returns its API URL and token. */
export async function startReferenceServer({ synchronous = 'FULL' } = {}) {
  const db = join(mkdtempSync(join(tmpdir(), 'tenant-bench-')), 'tenants.db');
  const create = spawn(process.execPath, [
    serverCli,
    'tenants',
    'create',
    '--name',
    'Bench Tenant',
    '--db',
    db,
  ]);
  const [, token] = await waitFor(create, /(tnt_[\w-]+)/);
  const child = spawn(
    process.execPath,
    [serverCli, 'serve', '--db', db, '--port', '0', '--synchronous', synchronous],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const [, url] = await waitFor(child, /Tenant API on (\S+)\/tenant/);
  return { url, token, stop: () => child.kill() };
}
