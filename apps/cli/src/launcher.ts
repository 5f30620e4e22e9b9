// The `tenantctl` binary: runs the one-file bundle (tenantctl.cjs) through V8's code cache, kept per
// command in the user's cache folder. Compiling the bundle's code was a third of a `tenantctl get`;
// with the cache it is read back instead (get: 1.61× → 1.34× `node -e 0`, measured in bench/).
// The first run of each command writes its cache; a cache V8 refuses (another Node.js, a new
// bundle) is written again. `--verbose` runs without the cache, with source maps for its traces.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('./tenantctl.cjs', import.meta.url));
const require = createRequire(bundle);
const args = process.argv.slice(2);

function cacheFile(): string | undefined {
  if (process.env.TENANTCTL_NO_CODE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const { size, mtimeMs } = statSync(bundle);
  // Functions compiled by one command are not those of another: one cache per command.
  const command = args.find((arg) => /^[a-z]+$/.test(arg)) ?? 'none';
  const key = `${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}-${command}`;
  return join(base, 'tenantctl', `${key}.v8cache`);
}

function runCached(path: string): void {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(path);
  } catch {
    // no cache yet: compiled as usual, and written at exit
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
        writeFileSync(path, script.createCachedData(), { mode: 0o600 });
      } catch {
        // a cache that cannot be written only makes the next start slower
      }
    });
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void)(
    module.exports,
    require,
    module,
    bundle,
    join(bundle, '..'),
  );
}

const verbose = args.includes('-v') || args.includes('--verbose');
const cache = verbose ? undefined : cacheFile();
if (cache) runCached(cache);
else {
  if (verbose) process.setSourceMapsEnabled(true);
  require(bundle);
}
