// Turns ajv's errors into violations a person can act on: the field, the rule broken and what to do.
import type { ErrorObject } from 'ajv';
import { suggestFieldName, tenantFieldNames } from './fields.js';
import { integerFormatRanges } from './integer-formats.js';

export interface Violation {
  /** JSON Pointer to the offending value, `''` for the whole body, e.g. `/recording_retention`. */
  path: string;
  /** The top-level field concerned, if any. */
  field?: string;
  /** The rule broken: a JSON Schema keyword (`minimum`, `enum`, `additionalProperties`…) or `readOnly`. */
  rule: string;
  /** A sentence naming the field and the rule, never echoing the value (it may be a secret). */
  message: string;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const MAX_LISTED_VALUES = 12;

/** The first sentence of a schema's description, on one line. */
function summary(description: string | undefined): string | undefined {
  const line = description?.replace(/\s+/g, ' ').trim();
  return line ? (line.split(/\.(?:\s|$)/)[0] ?? line) : undefined;
}

function closest(value: unknown, candidates: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const wanted = value.trim().toLowerCase();
  const hit = candidates.find((c) => typeof c === 'string' && c.toLowerCase() === wanted);
  return typeof hit === 'string' ? hit : undefined;
}

function didYouMean(name: string): string {
  const hint = suggestFieldName(name);
  return hint ? ` (did you mean "${hint}"?)` : '';
}

function describeRule(error: ErrorObject): { rule: string; text: string } {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as {
    description?: string;
    examples?: unknown[];
    enum?: unknown[];
  };
  const example = schema.examples?.[0] === undefined ? '' : `, e.g. ${JSON.stringify(schema.examples[0])}`;
  switch (error.keyword) {
    case 'type': {
      const names = String(params.type)
        .split(',')
        .map((type) => typeNames[type] ?? type);
      return { rule: 'type', text: `must be ${names.join(' or ')}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { rule: error.keyword, text: `must be ${String(params.comparison)} ${String(params.limit)}` };
    case 'minLength':
      return { rule: 'minLength', text: `must be at least ${String(params.limit)} character(s) long` };
    case 'maxLength':
      return { rule: 'maxLength', text: `must be at most ${String(params.limit)} characters long` };
    case 'enum': {
      const values = schema.enum ?? (params.allowedValues as unknown[] | undefined) ?? [];
      const hint = closest(error.data, values);
      const suggestion = hint ? ` (did you mean "${hint}"?)` : '';
      if (values.length <= MAX_LISTED_VALUES) {
        return { rule: 'enum', text: `must be one of ${values.join(', ')}${suggestion}` };
      }
      const what = summary(schema.description) ?? 'see the spec';
      const eg = what.includes(JSON.stringify(schema.examples?.[0])) ? '' : example;
      return {
        rule: 'enum',
        text: `must be one of the ${values.length} allowed values (${what})${eg}${suggestion}`,
      };
    }
    case 'pattern': {
      const what = summary(schema.description);
      return {
        rule: 'pattern',
        text: `must match ${String(params.pattern)}${what ? ` (${what})` : example}`,
      };
    }
    case 'format': {
      const format = String(params.format);
      const range = integerFormatRanges[format];
      const text = range
        ? `a whole number from ${range[0]} to ${range[1]} (${format})`
        : `in format ${format}`;
      return { rule: 'format', text: `must be ${text}` };
    }
    case 'contentMediaType':
      return { rule: 'contentMediaType', text: 'must be a string holding valid JSON' };
    case 'minProperties':
      return { rule: 'minProperties', text: 'set at least one field' };
    default:
      return { rule: error.keyword, text: error.message ?? 'is not valid' };
  }
}

/** The top-level field a JSON Pointer points into. */
function fieldOf(path: string): string | undefined {
  const first = path.split('/')[1];
  return first === undefined || first === '' ? undefined : first.replaceAll('~1', '/').replaceAll('~0', '~');
}

function pointer(parent: string, key: string): string {
  return `${parent}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** One violation per broken rule; the noise of `anyOf` (nullable fields) is left out. */
export function toViolations(errors: readonly ErrorObject[] | null | undefined): Violation[] {
  if (!errors) return [];
  const readable = errors.filter(
    (error) =>
      error.keyword !== 'anyOf' &&
      !(error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null'),
  );
  const relevant = readable.length > 0 ? readable : errors;
  const readableFields = new Set(tenantFieldNames());
  return relevant.map((error): Violation => {
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: unknown }).additionalProperty);
      const path = pointer(error.instancePath, key);
      const isTopLevel = error.instancePath === '';
      // A field GET returns that the update schema does not accept can only be read.
      if (isTopLevel && readableFields.has(key)) {
        return { path, field: key, rule: 'readOnly', message: `${key}: is read-only and cannot be set` };
      }
      const hint = isTopLevel ? didYouMean(key) : '';
      return {
        path,
        field: isTopLevel ? key : fieldOf(path),
        rule: 'additionalProperties',
        message: `${key}: is not a settable field${hint}`,
      };
    }
    const { rule, text } = describeRule(error);
    const field = fieldOf(error.instancePath);
    const subject =
      error.instancePath === ''
        ? rule === 'minProperties'
          ? 'the update is empty'
          : 'the body'
        : error.instancePath.slice(1);
    const violation: Violation = { path: error.instancePath, rule, message: `${subject}: ${text}` };
    if (field !== undefined) violation.field = field;
    return violation;
  });
}
