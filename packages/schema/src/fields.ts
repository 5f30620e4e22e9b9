// Field metadata for tools (the CLI's `explain`, table output, redaction), derived from the spec.

import { pointerTo } from './json-pointer.js';
import { definition, flatten, type SchemaNode } from './schema-lookup.js';
import { closestMatch } from './suggest.js';

export interface FieldInfo {
  name: string;
  description: string;
  /** JSON type without `null`: `string`, `integer`, `boolean`, `object` or `array`. */
  type: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: readonly string[];
  default?: unknown;
  example?: unknown;
  /** `POST /tenant` can set it (a `TenantUpdate` property). */
  settable: boolean;
  /** `POST /tenants/{id}` can set it (a `TenantAdminUpdate` property): a system user's update. */
  settableById: boolean;
  /** `GET /tenant` returns it (a `Tenant` property); `avatar_file_id` can be set but is never returned. */
  readable: boolean;
  /** `GET /tenants/{id}` returns it (`TenantDetails`: the `Tenant` fields and a few more). */
  readableById: boolean;
  /** Returned by `GET` but not settable through `POST` (`readable && !settable`): limits, usage, the id. */
  readOnly: boolean;
  /** A secret to hide from people (`format: password`). */
  secret: boolean;
  /** JSON pointers to the secrets inside an object value (`/password` of `cdr_event`), if any. */
  secretPaths: readonly string[];
  /** A string that must hold this media type, e.g. `application/json`. */
  contentMediaType?: string;
  /** The name of the shared component the field uses, e.g. `TimeZone`, if any. */
  component?: string;
  /** The section tools show the field in (`x-group` in the spec), e.g. `Retention`. */
  group: string;
}

function componentOf(node: SchemaNode): string | undefined {
  const ref = node.$ref ?? node.anyOf?.find((branch) => branch.$ref)?.$ref;
  const match = ref ? /^#\/\$defs\/([^/]+)$/.exec(ref) : null;
  return match?.[1];
}

/** The schemas that define fields, in the order a field's own definition is looked for. */
const fieldSchemas = ['TenantUpdate', 'TenantAdminUpdate', 'Tenant', 'TenantDetails'] as const;

/** The pointers, inside a value of this schema, of every `format: password` (at any depth). */
function secretsWithin(node: SchemaNode, depth = 0): string[] {
  if (depth > 8) return [];
  const flat = flatten(node);
  const found: string[] = [];
  for (const [key, child] of Object.entries(flat.properties ?? {})) {
    const pointer = pointerTo('', key);
    if (flatten(child).format === 'password') found.push(pointer);
    else found.push(...secretsWithin(child, depth + 1).map((inner) => pointer + inner));
  }
  if (flat.items) found.push(...secretsWithin(flat.items, depth + 1).map((inner) => `/*${inner}`));
  return found;
}

interface FieldSets {
  readable: ReadonlySet<string>;
  readableById: ReadonlySet<string>;
  settable: ReadonlySet<string>;
  settableById: ReadonlySet<string>;
}

/** A field's own schema node, where the spec defines it (its update schema before its read ones). */
export function fieldNode(name: string): SchemaNode | undefined {
  return fieldSchemas
    .map((schema) => definition(schema).properties?.[name])
    .find((node) => node !== undefined);
}

function describe(name: string, sets: FieldSets): FieldInfo {
  const source = fieldNode(name);
  if (!source) throw new Error(`unknown field ${name}`);
  const node = flatten(source);
  const info: FieldInfo = {
    name,
    description: node.description ?? '',
    type: String(node.type ?? 'string'),
    settable: sets.settable.has(name),
    settableById: sets.settableById.has(name),
    readable: sets.readable.has(name),
    readableById: sets.readableById.has(name),
    readOnly: sets.readable.has(name) && !sets.settable.has(name),
    secret: node.format === 'password',
    secretPaths: Object.freeze(node.format === 'password' ? [] : secretsWithin(source)),
    group: node['x-group'] ?? 'Other',
  };
  const optional = {
    format: node.format,
    minimum: node.minimum,
    maximum: node.maximum,
    minLength: node.minLength,
    maxLength: node.maxLength,
    pattern: node.pattern,
    enum: node.enum as readonly string[] | undefined,
    default: node.default,
    example: node.examples?.[0],
    contentMediaType: node.contentMediaType,
    component: componentOf(source),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (info as unknown as Record<string, unknown>)[key] = value;
  }
  return info;
}

let cache: readonly FieldInfo[] | undefined;

/**
 * Every field of the tenant in the spec's order: the `Tenant` fields, those only `GET /tenants/{id}`
 * returns, then write-only ones.
 */
export function tenantFields(): readonly FieldInfo[] {
  if (cache) return cache;
  const sets: FieldSets = {
    readable: new Set(tenantFieldNames()),
    readableById: new Set(tenantDetailsFieldNames()),
    settable: new Set(settableFieldNames()),
    settableById: new Set(settableByIdFieldNames()),
  };
  const names = new Set([...sets.readableById, ...sets.settable, ...sets.settableById]);
  cache = Object.freeze([...names].map((name) => Object.freeze(describe(name, sets))));
  return cache;
}

/** Metadata of one field, or `undefined` for a name the spec does not know. */
export function fieldInfo(name: string): FieldInfo | undefined {
  return tenantFields().find((field) => field.name === name);
}

/** The fields `POST /tenant` accepts, in the spec's order. */
export function settableFieldNames(): readonly string[] {
  return Object.keys(definition('TenantUpdate').properties ?? {});
}

/** The fields `POST /tenants/{id}` accepts (a system user's update), in the spec's order. */
export function settableByIdFieldNames(): readonly string[] {
  return Object.keys(definition('TenantAdminUpdate').properties ?? {});
}

/** The fields `GET /tenants/{id}` returns: those of `GET /tenant`, then its own. */
export function tenantDetailsFieldNames(): readonly string[] {
  return [...tenantFieldNames(), ...Object.keys(definition('TenantDetails').properties ?? {})];
}

/** The fields of a tenant in `GET /tenants`, the smaller summary, in the spec's order. */
export function tenantSummaryFieldNames(): readonly string[] {
  return Object.keys(definition('TenantSummary').properties ?? {});
}

/** The fields `GET /tenant` returns, in the spec's order. */
export function tenantFieldNames(): readonly string[] {
  return Object.keys(definition('Tenant').properties ?? {});
}

/** The fields `GET /tenant` returns and `POST /tenant` cannot set, in the spec's order (`id` included). */
export function readOnlyFieldNames(): readonly string[] {
  return tenantFields()
    .filter((field) => field.readOnly)
    .map((field) => field.name);
}

/** The fields `GET /tenants/{id}` returns that `POST /tenants/{id}` cannot set (the name, the id, usage…). */
export function readOnlyByIdFieldNames(): readonly string[] {
  return tenantFields()
    .filter((field) => field.readableById && !field.settableById)
    .map((field) => field.name);
}

/** The field name closest to a mistyped one (settable fields unless `among` says otherwise), if any. */
export function suggestFieldName(
  name: string,
  among: readonly string[] = settableFieldNames(),
): string | undefined {
  return closestMatch(name, among);
}
