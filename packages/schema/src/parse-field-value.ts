// Reads a field's value from text (`KEY=VALUE` on a command line), typed by the spec.
import type { FieldInfo } from './fields.js';

/**
 * The typed value for `text`, by the field's type: integers and booleans are parsed, objects and
 * arrays read as JSON, strings kept as they are (`''` stays the empty string). Text that does not
 * parse is returned unchanged, so that the validator reports it with the field's rule rather than
 * this function guessing.
 */
export function parseFieldValue(field: Pick<FieldInfo, 'type'>, text: string): unknown {
  switch (field.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'object':
    case 'array':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    default:
      return text;
  }
}
