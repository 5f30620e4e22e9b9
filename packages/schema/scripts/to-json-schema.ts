// Turns an OpenAPI 3.1 document's components.schemas into a standalone JSON Schema 2020-12 document.

const TENANT_SCHEMA_ID = 'https://tenantctl.dev/schemas/tenant.json';
const componentPrefix = '#/components/schemas/';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Rewrites component refs to `$defs` and the OpenAPI-only `example` to JSON Schema's `examples`. */
function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(componentPrefix)) {
      out.$ref = `#/$defs/${value.slice(componentPrefix.length)}`;
    } else if (key === 'example') {
      out.examples = [value];
    } else {
      out[key] = convert(value);
    }
  }
  return out;
}

export function toJsonSchemaDocument(spec: Record<string, unknown>): Record<string, Json> {
  const components = spec.components as { schemas?: Record<string, Json> } | undefined;
  if (!components?.schemas) throw new Error('the spec has no components.schemas');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: TENANT_SCHEMA_ID,
    $defs: convert(components.schemas as Json),
  };
}
