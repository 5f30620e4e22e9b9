// The servers under load, each in a process of its own so that the load generator has one too: the bare
// node:http ceiling here, the reference server through its test fixture (apps/server/dist/testing).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { startServerProcess, startTestPostgres, startTestProxy } from '../apps/server/dist/testing/index.js';

const bareServer = fileURLToPath(new URL('bare-server.mjs', import.meta.url));

/** The ceiling: node:http answering with a fixed body, doing no work at all. */
export async function startBareServer(body) {
  const child = spawn(process.execPath, [bareServer], { env: { ...process.env, BARE_BODY: body } });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk.toString();
      const match = /listening (\d+)/.exec(text);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}: ${text}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
