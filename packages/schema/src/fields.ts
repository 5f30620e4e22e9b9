// Field metadata for tools (the CLI's `explain`, table output, redaction), derived from the spec.
import { definition, flatten, type SchemaNode } from './schema-lookup.js';
import { closestMatch } from './suggest.js';

export interface FieldInfo {
  name: string;
  description: string;
  /** JSON type without `null`: `string`, `integer`, `boolean`. */
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
  /** `GET /tenant` returns it (a `Tenant` property); `avatar_file_id` can be set but is never returned. */
  readable: boolean;
  /** Returned by `GET` but not settable through `POST` (`readable && !settable`): limits, usage, the id. */
  readOnly: boolean;
  /** A secret to hide from people (`format: password`). */
  secret: boolean;
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

function describe(name: string, readable: ReadonlySet<string>, settable: ReadonlySet<string>): FieldInfo {
  const source = definition('TenantUpdate').properties?.[name] ?? definition('Tenant').properties?.[name];
  if (!source) throw new Error(`unknown field ${name}`);
  const node = flatten(source);
  const info: FieldInfo = {
    name,
    description: node.description ?? '',
    type: String(node.type ?? 'string'),
    settable: settable.has(name),
    readable: readable.has(name),
    readOnly: readable.has(name) && !settable.has(name),
    secret: node.format === 'password',
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

/** Every field of the tenant in the spec's order: the `Tenant` fields, then write-only ones. */
export function tenantFields(): readonly FieldInfo[] {
  if (cache) return cache;
  const readable = new Set(tenantFieldNames());
  const settable = new Set(settableFieldNames());
  const names = [...readable, ...[...settable].filter((name) => !readable.has(name))];
  cache = Object.freeze(names.map((name) => Object.freeze(describe(name, readable, settable))));
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

/** The field name closest to a mistyped one (settable fields unless `among` says otherwise), if any. */
export function suggestFieldName(
  name: string,
  among: readonly string[] = settableFieldNames(),
): string | undefined {
  return closestMatch(name, among);
}
