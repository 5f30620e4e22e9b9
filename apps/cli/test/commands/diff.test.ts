// Tier 2: `diff` in-process against the real reference server.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/diff.js';
import { harness } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();

async function diff(stdin: string, dropReadOnly = false) {
  const h = harness({ env: context.env, stdin });
  const code = await run({ file: '-', ...(dropReadOnly ? { dropReadOnly } : {}) }, h.deps);
  return { code, stdout: h.stdout, stderr: h.stderr };
}

describe('diff', () => {
  it('exits 5 (drift) and shows it when something would change, sending only the read', async () => {
    context.server.requests.length = 0;
    expect(await diff('{"log_retention": 400, "name": "E2E Tenant"}')).toEqual({
      code: 5,
      stdout: '~ log_retention  180 → 400\n',
      stderr: '',
    });
    expect(context.server.requests).toEqual(['GET /api/tenant']);
  });

  it('exits 0 and prints nothing when nothing would change', async () => {
    expect(await diff('name: E2E Tenant\nrecording_retention: 180\n')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('shows a secret only as changing', async () => {
    expect((await diff('stir_shaken_key: NEW-KEY\n')).stdout).toBe('~ stir_shaken_key  — → <redacted>\n');
  });

  it('refuses read-only keys unless told to drop them', async () => {
    await expect(diff('max_extensions: 5\n')).rejects.toMatchObject({ exitCode: 2 });
    expect((await diff('max_extensions: 5\n', true)).code).toBe(0);
  });
});
