// `pnpm release`'s publish step: Changesets publishes every public package whose version the registry
// does not have yet. The registry is the one configured for the packages' scope (`.npmrc`), unless
// `npm_config_registry` names another, as with npm itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The registry configured for `scope` in the `.npmrc` files pnpm reads, if any. */
function configuredRegistry(root: string, scope: string, env: NodeJS.ProcessEnv): string | undefined {
  const value = execFileSync('pnpm', ['config', 'get', `${scope}:registry`], {
    cwd: root,
    env,
    encoding: 'utf8',
  }).trim();
  return value === '' || value === 'undefined' ? undefined : value;
}

export function registryFor(root: string, scope: string, env: NodeJS.ProcessEnv = process.env): string {
  const registry = env.npm_config_registry || env.NPM_CONFIG_REGISTRY || configuredRegistry(root, scope, env);
  if (!registry)
    throw new Error(`no registry for ${scope}: set ${scope}:registry in .npmrc or npm_config_registry`);
  return registry;
}

/** Runs `changeset publish` (passing `args`, e.g. `--no-git-tag`) against the scope's registry; its exit code. */
export function publish(root: string, scope: string, args: readonly string[]): number {
  const registry = registryFor(root, scope);
  process.stderr.write(`publishing to ${registry}\n`);
  // Changesets and pnpm both read the scope's registry from this variable; it wins over .npmrc.
  const env = { ...process.env, [`npm_config_${scope}:registry`]: registry };
  // Changesets' own bin, run directly: through `pnpm exec` the scope's variable did not reach it.
  const changeset = createRequire(join(root, 'package.json')).resolve('@changesets/cli/bin.js');
  const result = spawnSync(process.execPath, [changeset, 'publish', ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}
