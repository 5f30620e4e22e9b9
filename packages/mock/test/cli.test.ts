// `pnpm mock` (dist/cli.js) as a real process: the banner, the mock, Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port.js';
import { waitForOutput } from '../src/readiness.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('tenant-mock', () => {
  it('serves the spec on MOCK_PORT, says how to use it, and ends with 0 on Ctrl-C', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli], {
      env: { ...process.env, MOCK_PORT: String(port) },
      stdio: 'pipe',
    });
    const ready = waitForOutput(child, 'tenant-mock', /Prism is listening on/);
    await ready;
    const output = ready.output();
    expect(output).toContain(
      `Prism mock of openapi/tenant.yaml on http://127.0.0.1:${port} (no /api prefix; any bearer token is accepted)`,
    );
    const response = await fetch(`http://127.0.0.1:${port}/tenant`, {
      headers: { Authorization: 'Bearer demo' },
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });

  it.each(['0', '70000', 'abc'])('refuses MOCK_PORT=%s (exit 2)', (port) => {
    const result = spawnSync(process.execPath, [cli], {
      env: { ...process.env, MOCK_PORT: port },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`MOCK_PORT must be a port number, got "${port}"\n`);
  });
});
