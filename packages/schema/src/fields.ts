// Field metadata for tools (the CLI's `explain`, table output, redaction), derived from the spec.
import { definition, flatten } from './schema-lookup.js';

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
  /** `POST /tenant` can set it (it is a `TenantUpdate` property). */
  settable: boolean;
  /** The spec marks the value itself read-only (`readOnly: true`). */
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

function componentOf(node: { $ref?: string; anyOf?: readonly { $ref?: string }[] }): string | undefined {
  const ref = node.$ref ?? node.anyOf?.find((branch) => branch.$ref)?.$ref;
  const match = ref ? /^#\/\$defs\/([^/]+)$/.exec(ref) : null;
  return match?.[1];
}

function describe(name: string, settable: boolean): FieldInfo {
  const update = definition('TenantUpdate').properties?.[name];
  const tenant = definition('Tenant').properties?.[name];
  const source = update ?? tenant;
  if (!source) throw new Error(`unknown field ${name}`);
  const node = flatten(source);
  const info: FieldInfo = {
    name,
    description: node.description ?? '',
    type: String(node.type ?? 'string'),
    settable,
    readOnly: node.readOnly === true,
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
  const settable = new Set(settableFieldNames());
  const names = [...Object.keys(definition('Tenant').properties ?? {})];
  for (const name of settable) if (!names.includes(name)) names.push(name);
  cache = Object.freeze(names.map((name) => Object.freeze(describe(name, settable.has(name)))));
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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The field name closest to a mistyped one (at most two edits away), if any. */
export function suggestFieldName(
  name: string,
  among: readonly string[] = settableFieldNames(),
): string | undefined {
  const best = among
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return best && best.distance <= 2 ? best.candidate : undefined;
}

export { integerFormatRanges } from './integer-formats.js';
