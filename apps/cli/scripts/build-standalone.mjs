// Builds the standalone tenantctl: a copy of this Node.js with dist/tenantctl.cjs (the one-file
// CommonJS bundle) injected as a single executable application, so that it runs where there is no
// Node.js at all. `pnpm build` first. Lands in dist-standalone/tenantctl-<platform>-<arch>, or in the
// folder given with --out DIR.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postject from 'postject';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'tenantctl.cjs');
const outFlag = process.argv.indexOf('--out');
const outDir =
  outFlag > 0 && process.argv[outFlag + 1] ? process.argv[outFlag + 1] : join(root, 'dist-standalone');
const executable = join(
  outDir,
  `tenantctl-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`,
);
const blob = join(outDir, 'tenantctl.blob');
const config = join(outDir, 'sea-config.json');
// Node's documented fuse for single executable applications.
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (!existsSync(bundle)) {
  console.error(`no ${bundle}: run pnpm build first`);
  process.exit(1);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
writeFileSync(
  config,
  JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
);
// Node says where it wrote the blob; only a failure is worth showing.
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'pipe' });
copyFileSync(process.execPath, executable);
chmodSync(executable, 0o755);

const { inject } = postject;
// postject says "Can't find string offset for section name '.note.100'" on Linux and works all the same.
const warn = console.warn;
console.warn = (...args) => {
  if (!String(args[0]).includes("Can't find string offset")) warn(...args);
};
await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: FUSE });
console.warn = warn;
rmSync(blob);
rmSync(config);
const megabytes = (statSync(executable).size / 1024 / 1024).toFixed(0);
console.log(`${executable} (${megabytes} MB, Node.js ${process.version} inside)`);
