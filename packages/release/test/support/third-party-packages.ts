// The registry of the publish test has no uplink, so the packages' own dependencies go there first:
// each one packed from node_modules exactly as installed (the versions the lockfile chose).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where Node would find `name` from `fromDir` (node_modules folders upwards). */
function installedAt(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed where ${fromDir} can see it`);
  }
}

/** The folders of every dependency, transitively, of the given package folders, except those `skip` names. */
export function dependencyClosure(roots: readonly string[], skip: (name: string) => boolean): string[] {
  const found = new Map<string, string>();
  const visit = (dir: string) => {
    for (const name of Object.keys(manifest(dir).dependencies ?? {})) {
      if (skip(name)) continue;
      const at = installedAt(dir, name);
      const { version } = manifest(at);
      if (found.has(`${name}@${version}`)) continue;
      found.set(`${name}@${version}`, at);
      visit(at);
    }
  };
  for (const root of roots) visit(root);
  return [...found.values()];
}

/**
 * Packs each folder and publishes it to the registry (scripts not run: these are built already). npm
 * cannot pack a folder inside pnpm's store (it fails with "Exit handler never called"): a copy it can.
 */
export function republish(dirs: readonly string[], work: string, env: NodeJS.ProcessEnv): void {
  for (const dir of dirs) {
    const copy = join(mkdtempSync(join(work, 'pack-')), 'package');
    cpSync(dir, copy, { recursive: true, dereference: true });
    const tarball = execFileSync(
      'npm',
      ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'],
      {
        cwd: copy,
        env,
        encoding: 'utf8',
      },
    ).trim();
    execFileSync('npm', ['publish', join(work, tarball), '--ignore-scripts', '--tag', 'latest'], {
      cwd: work,
      env,
      stdio: 'pipe',
    });
  }
}
