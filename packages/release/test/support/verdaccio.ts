// A real npm registry for the tests: Verdaccio as a child process on 127.0.0.1, with its storage in a
// temporary folder and no uplink (it knows only what the test publishes; nothing goes further).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntilReady, watchOutput } from '@tenantctl/mock';

export interface TestRegistry {
  url: string;
  /** An .npmrc holding a publisher's token for this registry (pass it as npm_config_userconfig). */
  userconfig: string;
  close(): Promise<void>;
}

export async function startTestRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'verdaccio-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      `  htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: 10 }`,
      'uplinks: {}',
      'packages:',
      "  '**': { access: $all, publish: $authenticated, unpublish: $authenticated }",
      'web: { enable: false }',
      'log: { type: stdout, format: json, level: warn }',
    ].join('\n'),
  );
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watch = watchOutput(child);
  const close = async () => {
    if (child.exitCode === null) {
      child.kill();
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // At log level warn Verdaccio prints nothing when it is up: it is ready once it answers its ping.
    await waitUntilReady(child, 'Verdaccio', async () => (await fetch(`${url}-/ping`)).ok, { watch });
    // Registering a user is how npm gets a token from a registry (`npm adduser` does this request).
    const answer = await fetch(`${url}-/user/org.couchdb.user:publisher`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'publisher', password: 'publisher-password' }),
    });
    const { token } = (await answer.json()) as { token?: string };
    if (!token) throw new Error(`Verdaccio gave no token (${answer.status})`);
    const userconfig = join(dir, 'npmrc');
    writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, userconfig, close };
  } catch (error) {
    await close();
    throw error;
  }
}
