// Reads the generated JSON Schema document: resolves `#/$defs/...` refs and merges a ref's siblings.
import { tenantJsonSchema } from './generated/tenant-json-schema.js';
import { unescapePointerToken } from './json-pointer.js';

/** A JSON Schema node as found in the spec (only the keywords the tools read are typed). */
export interface SchemaNode {
  $ref?: string;
  type?: string | readonly string[];
  format?: string;
  description?: string;
  default?: unknown;
  examples?: readonly unknown[];
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  readOnly?: boolean;
  contentMediaType?: string;
  anyOf?: readonly SchemaNode[];
  properties?: Readonly<Record<string, SchemaNode>>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  'x-group'?: string;
}

const root = tenantJsonSchema as unknown as { $defs: Record<string, SchemaNode> };

/** The node a local ref (`#/$defs/A/properties/b`) points to. */
export function resolveRef(ref: string): SchemaNode {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[unescapePointerToken(raw)];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node as SchemaNode;
}

/**
 * Flattens a node: follows `$ref` (siblings override the target, as in OpenAPI 3.1), and for the
 * `anyOf: [X, {type: 'null'}]` shape of nullable fields, returns X with `nullable` set.
 */
export function flatten(node: SchemaNode): SchemaNode & { nullable: boolean } {
  let nullable = false;
  let current: SchemaNode = node;
  if (current.anyOf) {
    const branches = current.anyOf.filter((branch) => branch.type !== 'null');
    nullable = branches.length < current.anyOf.length;
    const { anyOf: _anyOf, ...siblings } = current;
    if (branches.length === 1 && branches[0]) current = { ...branches[0], ...siblings };
  }
  while (current.$ref) {
    const { $ref, ...siblings } = current;
    current = { ...resolveRef($ref), ...siblings };
  }
  if (Array.isArray(current.type)) {
    const types = (current.type as readonly string[]).filter((t) => t !== 'null');
    nullable ||= types.length < current.type.length;
    current = { ...current, type: types.length === 1 ? types[0] : types };
  }
  return { ...current, nullable };
}

/** A named schema of the spec's components (`Tenant`, `TenantUpdate`, …). */
export function definition(name: string): SchemaNode {
  const node = root.$defs[name];
  if (!node) throw new Error(`the spec has no schema ${name}`);
  return node;
}
