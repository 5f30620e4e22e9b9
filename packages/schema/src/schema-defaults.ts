// The spec's `default` of each property of a named schema: what a request that leaves a property out
// gets (the page size of `GET /tenants`, say), for clients and the server alike.
import { definition, flatten } from './schema-lookup.js';

/** Each property of the schema that has a `default`, with it (a property without one is absent). */
export function schemaDefaults(name: string): Readonly<Record<string, unknown>> {
  const defaults: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(definition(name).properties ?? {})) {
    const { default: value } = flatten(node);
    if (value !== undefined) defaults[key] = value;
  }
  return Object.freeze(defaults);
}
