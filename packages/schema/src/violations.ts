// Turns ajv's errors into violations a person can act on: the field, the rule broken and what to do.
import type { ErrorObject } from 'ajv';
import { readOnlyFieldNames, settableFieldNames, tenantDetailsFieldNames } from './fields.js';
import { integerFormatRanges } from './integer-formats.js';
import { pointerTo, topLevelField } from './json-pointer.js';
import { firstSentence, MAX_LISTED_VALUES } from './prose.js';
import { definition } from './schema-lookup.js';
import { closestMatch, didYouMean } from './suggest.js';

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

/** The types the spec's schemas use, as a sentence names them; any other is named as it is. */
const typeNames: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  null: 'null',
};

interface RuleSchema {
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
}

function enumText(error: ErrorObject, schema: RuleSchema): string {
  const values = schema.enum ?? (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
  const strings = values.filter((value): value is string => typeof value === 'string');
  const hint = typeof error.data === 'string' ? closestMatch(error.data, strings) : undefined;
  const suggestion = hint === undefined ? '' : ` (did you mean "${hint}"?)`;
  if (values.length <= MAX_LISTED_VALUES) return `must be one of ${values.join(', ')}${suggestion}`;
  const what = firstSentence(schema.description) || 'see the spec';
  const example = schema.examples?.[0];
  // The example is left out when the summary already quotes it or it is the suggestion itself.
  const showExample = example !== undefined && example !== hint && !what.includes(JSON.stringify(example));
  return `must be one of the ${values.length} allowed values (${what})${showExample ? `, e.g. ${JSON.stringify(example)}` : ''}${suggestion}`;
}

function describeRule(error: ErrorObject): { rule: string; text: string } {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as RuleSchema;
  switch (error.keyword) {
    case 'type': {
      const names = String(params.type)
        .split(',')
        .map((type) => typeNames[type] ?? type);
      return { rule: 'type', text: `must be ${names.join(' or ')}` };
    }
    case 'minLength':
      return { rule: 'minLength', text: `must be at least ${String(params.limit)} character(s) long` };
    case 'maxLength':
      return { rule: 'maxLength', text: `must be at most ${String(params.limit)} characters long` };
    case 'enum':
      return { rule: 'enum', text: enumText(error, schema) };
    case 'pattern': {
      const what = firstSentence(schema.description);
      const example = schema.examples?.[0];
      const why = what ? ` (${what})` : example === undefined ? '' : `, e.g. ${JSON.stringify(example)}`;
      return { rule: 'pattern', text: `must match ${String(params.pattern)}${why}` };
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

// ajv's own wording of a bound (`must be >= 1`) is already the one wanted.
const bounds = new Set(['minimum', 'maximum']);

/**
 * The errors worth reporting, the most specific one per value: the noise of `anyOf` (nullable fields)
 * left out; for a value of the wrong type only the type error (1.5 for an int32 breaks `format` only
 * because it is not an integer); for a number out of the field's bounds, not also its format's range.
 */
function relevantErrors(errors: readonly ErrorObject[]): readonly ErrorObject[] {
  const readable = errors.filter(
    (error) =>
      error.keyword !== 'anyOf' &&
      !(error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null'),
  );
  const kept = readable.length > 0 ? readable : errors;
  const pathsWith = (keywords: (keyword: string) => boolean) =>
    new Set(kept.filter((e) => keywords(e.keyword)).map((e) => e.instancePath));
  const mistyped = pathsWith((keyword) => keyword === 'type');
  const outOfBounds = pathsWith((keyword) => bounds.has(keyword));
  return kept.filter(
    (error) =>
      (error.keyword === 'type' || !mistyped.has(error.instancePath)) &&
      (error.keyword !== 'format' || !outOfBounds.has(error.instancePath)),
  );
}

/** The tenant update's own wording for a key it does not take: read-only, or not a settable field. */
function unknownTenantField(key: string, isTopLevel: boolean, readOnly: ReadonlySet<string>) {
  // A field GET returns that the update schema does not accept can only be read.
  if (isTopLevel && readOnly.has(key)) {
    return { rule: 'readOnly', message: `${key}: is read-only and cannot be set` };
  }
  const hint = isTopLevel ? didYouMean(key, settableFieldNames()) : '';
  return { rule: 'additionalProperties', message: `${key}: is not a settable field${hint}` };
}

/** The bodies of the tenant collection that set tenant fields, and how a message says where. */
const collectionBodies: Readonly<Record<string, string>> = {
  TenantAdminUpdate: 'by id (POST /tenants/{id})',
  TenantCreate: 'when a tenant is created',
};

/** A key such a body does not take: a field of the tenant it cannot set, or not a field at all. */
function unknownCollectionField(key: string, isTopLevel: boolean, schema: string, where: string) {
  if (isTopLevel && tenantDetailsFieldNames().includes(key)) {
    return { rule: 'readOnly', message: `${key}: cannot be set ${where}` };
  }
  const hint = isTopLevel ? didYouMean(key, Object.keys(definition(schema).properties ?? {})) : '';
  return { rule: 'additionalProperties', message: `${key}: is not a settable field${hint}` };
}

function unknownKey(
  error: ErrorObject,
  schema: string | undefined,
  readOnly: ReadonlySet<string>,
): Violation {
  const key = String((error.params as { additionalProperty: unknown }).additionalProperty);
  const path = pointerTo(error.instancePath, key);
  const field = topLevelField(path);
  const isTopLevel = error.instancePath === '';
  let described: { rule: string; message: string };
  if (schema === undefined || schema === 'TenantUpdate') {
    described = unknownTenantField(key, isTopLevel, readOnly);
  } else if (collectionBodies[schema] !== undefined) {
    described = unknownCollectionField(key, isTopLevel, schema, collectionBodies[schema]);
  } else {
    // Any other body: name what it does take.
    const allowed = Object.keys(
      (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
    );
    const list = allowed.length > 0 ? ` (it takes ${allowed.join(', ')})` : '';
    described = {
      rule: 'additionalProperties',
      message: `${key}: is not allowed here${didYouMean(key, allowed)}${list}`,
    };
  }
  return { path, ...(field === undefined ? {} : { field }), ...described };
}

/** A property the schema requires is missing: named as the field it is. */
function missingProperty(error: ErrorObject): Violation {
  const key = String((error.params as { missingProperty: unknown }).missingProperty);
  const path = pointerTo(error.instancePath, key);
  const field = topLevelField(path);
  return {
    path,
    ...(field === undefined ? {} : { field }),
    rule: 'required',
    message: `${path.slice(1)}: is required`,
  };
}

/**
 * One violation per value and rule broken. `subject` names the whole value in messages: `the body`
 * for a request body, or e.g. `If-Match` for a header; `schema` is the spec's name of what was checked
 * (an unknown key of `TenantUpdate` is "not a settable field"; of another body, "not allowed here").
 */
export function toViolations(
  errors: readonly ErrorObject[] | null | undefined,
  { subject = 'the body', schema }: { subject?: string; schema?: string } = {},
): Violation[] {
  if (!errors) return [];
  const readOnly = new Set(readOnlyFieldNames());
  return relevantErrors(errors).map((error): Violation => {
    if (error.keyword === 'additionalProperties') return unknownKey(error, schema, readOnly);
    if (error.keyword === 'required') return missingProperty(error);
    const { rule, text } = describeRule(error);
    const field = topLevelField(error.instancePath);
    const what =
      error.instancePath === ''
        ? rule === 'minProperties'
          ? 'the update is empty'
          : subject
        : error.instancePath.slice(1);
    const violation: Violation = { path: error.instancePath, rule, message: `${what}: ${text}` };
    if (field !== undefined) violation.field = field;
    return violation;
  });
}

/** Violations as an indented list, one per line (`inline`: one line, `; ` between them). */
export function formatViolations(
  violations: readonly Violation[],
  layout: 'list' | 'inline' = 'list',
): string {
  return layout === 'inline'
    ? violations.map((v) => v.message).join('; ')
    : violations.map((v) => `  - ${v.message}`).join('\n');
}
