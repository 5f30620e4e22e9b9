// The committed generated files must match what the spec generates now.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('src/generated is up to date with openapi/tenant.yaml', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const run = () =>
    execFileSync('pnpm', ['run', '--silent', 'generate:check'], { cwd, encoding: 'utf8', stdio: 'pipe' });
  expect(run).not.toThrow();
});
