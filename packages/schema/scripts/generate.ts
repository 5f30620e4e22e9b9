// Writes src/generated/* from openapi/tenant.yaml; with `--check`, fails instead when they are stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedDir, renderGeneratedFiles } from './render-generated.js';

const check = process.argv.includes('--check');
const stale: string[] = [];
await mkdir(generatedDir, { recursive: true });
for (const [name, text] of await renderGeneratedFiles()) {
  const url = new URL(name, generatedDir);
  const current = await readFile(url, 'utf8').catch(() => undefined);
  if (current === text) continue;
  if (check) stale.push(fileURLToPath(url));
  else await writeFile(url, text);
}
if (stale.length > 0) {
  console.error(`Generated files are stale; run \`pnpm generate\`:\n  ${stale.join('\n  ')}`);
  process.exitCode = 1;
}
