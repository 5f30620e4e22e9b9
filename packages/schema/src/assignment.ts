// `KEY=VALUE` as operators write settings on a command line (tenantctl set, tenant-server set-limits).
import { type FieldInfo, fieldInfo } from './fields.js';
import { parseFieldValue } from './parse-field-value.js';

export interface Assignment {
  key: string;
  /** The text after the first `=`, as given (`KEY=` gives `''`). */
  text: string;
  /** The spec's field of that name, if there is one. */
  field: FieldInfo | undefined;
  /** The text typed by the field (see `parseFieldValue`); the text itself for a field the spec lacks. */
  value: unknown;
}

export class AssignmentSyntaxError extends Error {
  override name = 'AssignmentSyntaxError';
}

/** Splits `KEY=VALUE` at the first `=`; the message of a bad one never echoes its value (it may be a secret). */
export function parseAssignment(assignment: string): Assignment {
  const eq = assignment.indexOf('=');
  if (eq <= 0) {
    const what = eq === 0 ? 'an assignment with no KEY' : `"${assignment}"`;
    throw new AssignmentSyntaxError(`${what} is not KEY=VALUE (KEY= sets an empty string)`);
  }
  const key = assignment.slice(0, eq);
  const text = assignment.slice(eq + 1);
  const field = fieldInfo(key);
  return { key, text, field, value: field ? parseFieldValue(field, text) : text };
}
