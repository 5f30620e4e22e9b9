// `FIELD.KEY=VALUE` on a command line: one key inside an object field (`cdr_event.enabled=true`,
// `office_hours.monday={"enabled":true,"ranges":[]}`), typed by the spec's schema of that key. An
// update replaces an object field whole (update-semantics.ts), so the caller sets the key into the
// object it read and sends the whole object back.
import { AssignmentSyntaxError } from './assignment.js';
import { type FieldInfo, fieldInfo, fieldNode } from './fields.js';
import { pointerTo } from './json-pointer.js';
import { parseFieldValue } from './parse-field-value.js';
import { flatten, type SchemaNode } from './schema-lookup.js';

export interface NestedAssignment {
  /** The object field, e.g. `cdr_event`. */
  field: FieldInfo;
  /** The keys inside it, e.g. `['enabled']`. */
  path: string[];
  /** `cdr_event.enabled`, as given. */
  key: string;
  /** The text after the first `=`. */
  text: string;
  /** The text typed by the key's schema. */
  value: unknown;
  /** The key holds a secret (`format: password`): its value must come from a file. */
  secret: boolean;
}

/**
 * Reads `FIELD.KEY…=VALUE` when FIELD is an object field of the spec; undefined for anything else (a
 * plain `KEY=VALUE` or an unknown field, which the caller reports). A key the object does not have,
 * or a path into a list, is an AssignmentSyntaxError naming the keys it has.
 */
export function parseNestedAssignment(assignment: string): NestedAssignment | undefined {
  const eq = assignment.indexOf('=');
  const key = eq > 0 ? assignment.slice(0, eq) : '';
  const [name = '', ...path] = key.split('.');
  const field = path.length > 0 ? fieldInfo(name) : undefined;
  const source = field ? fieldNode(name) : undefined;
  if (!field || !source || field.type !== 'object') return undefined;
  let node: SchemaNode = flatten(source);
  let at = name;
  for (const segment of path) {
    const child = node.type === 'object' ? node.properties?.[segment] : undefined;
    if (!child) {
      const keys = Object.keys(node.properties ?? {});
      throw new AssignmentSyntaxError(
        node.type === 'object'
          ? `${at} has no key "${segment}" (it has ${keys.join(', ')})`
          : `${at} is ${node.type === 'array' ? 'a list' : `a ${String(node.type)}`}: set it whole (${at}=VALUE)`,
      );
    }
    node = flatten(child);
    at = `${at}.${segment}`;
  }
  const text = assignment.slice(eq + 1);
  const pointer = path.reduce((inner, segment) => pointerTo(inner, segment), '');
  return {
    field,
    path,
    key,
    text,
    value: parseFieldValue({ type: String(node.type) }, text),
    secret:
      node.format === 'password' ||
      field.secretPaths.some((secret) => secret === pointer || secret.startsWith(`${pointer}/`)),
  };
}
