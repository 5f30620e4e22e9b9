// Checks every pact in pacts/ against openapi/tenant.yaml, so a contract the spec does not allow fails CI
// before any provider runs. Exits 1 on any error, or when there is no pact to check.
import { readdir, readFile } from 'node:fs/promises';
import { Comparator } from '@pactflow/openapi-pact-comparator';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);
const pactDir = new URL('pacts/', root);
const spec = parse(await readFile(new URL('openapi/tenant.yaml', root), 'utf8'));

const files = (await readdir(pactDir).catch(() => [])).filter((name) => name.endsWith('.json'));
if (files.length === 0) {
  console.error('pact-vs-spec: no pact files in pacts/ (run the consumer tests first)');
  process.exit(1);
}

// The comparator ignores `servers`; it takes the base path (the spec's `/api`) from its own config key.
const [server] = spec.servers ?? [];
const serverUrl = server?.url.replace(/\{(\w+)\}/g, (_, name) => server.variables?.[name]?.default ?? '');
spec.info['x-opc-config-base-path'] = serverUrl ? new URL(serverUrl).pathname.replace(/\/$/, '') : '';
const comparator = new Comparator(spec);
let errors = 0;
let interactions = 0;
for (const file of files) {
  const pact = JSON.parse(await readFile(new URL(file, pactDir), 'utf8'));
  interactions += pact.interactions?.length ?? 0;
  for await (const result of comparator.compare(pact)) {
    const where = result.mockDetails?.interactionDescription ?? '';
    console.log(`${result.type.toUpperCase()} ${file}: ${where}: ${result.code}: ${result.message}`);
    if (result.type === 'error') errors++;
  }
}
console.log(`pact-vs-spec: ${files.length} pact file(s), ${interactions} interaction(s), ${errors} error(s)`);
process.exit(errors > 0 ? 1 : 0);
