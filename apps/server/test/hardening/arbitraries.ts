// fast-check generators derived from the spec's field metadata: valid values, valid partial updates,
// and invalid bodies that each break exactly one rule of one named field.
import {
  type FieldInfo,
  integerFormatRanges,
  settableFieldNames,
  tenantFieldNames,
  tenantFields,
} from '@tenantctl/schema';
import fc from 'fast-check';

export const settableFields = (): FieldInfo[] => tenantFields().filter((field) => field.settable);

function integerRange(field: FieldInfo): [number, number] {
  // A field without a format: keep to int32, as JSON numbers beyond it gain nothing here.
  const [low, high] = integerFormatRanges[field.format ?? ''] ?? integerFormatRanges.int32 ?? [0, 0];
  return [field.minimum ?? low, field.maximum ?? high];
}

export function validValue(field: FieldInfo): fc.Arbitrary<unknown> {
  if (field.type === 'boolean') return fc.boolean();
  if (field.type === 'integer') {
    const [min, max] = integerRange(field);
    return fc.integer({ min, max });
  }
  if (field.enum) return fc.constantFrom(...field.enum);
  if (field.pattern) return fc.stringMatching(new RegExp(field.pattern));
  if (field.contentMediaType === 'application/json') return fc.json();
  const lengths = { minLength: field.minLength ?? 0, maxLength: Math.min(field.maxLength ?? 300, 300) };
  // ASCII mostly, and any code point (length is counted in code points, as JSON Schema does).
  return fc.oneof(
    fc.string({ ...lengths, unit: 'grapheme-ascii' }),
    fc.string({ ...lengths, unit: 'binary' }),
  );
}

/** A valid partial update: one or more settable fields. */
export function validUpdate(): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(settableFields().map((field) => [field.name, validValue(field)]));
  return fc.record(model, { requiredKeys: [] }).filter((update) => Object.keys(update).length > 0);
}

export interface InvalidBody {
  /** What is wrong, for the report. */
  kind: string;
  /** The field the server must name. */
  field: string;
  /** The raw JSON text sent. */
  text: string;
}

const wrongTypeFor = (field: FieldInfo) =>
  fc.oneof(
    ...(
      [
        field.type !== 'string' ? fc.string() : null,
        field.type !== 'integer' ? fc.integer() : null,
        field.type !== 'boolean' ? fc.boolean() : null,
        fc.constant(null),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
        field.type === 'integer'
          ? fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true })
          : null,
      ] as (fc.Arbitrary<unknown> | null)[]
    ).filter((a): a is fc.Arbitrary<unknown> => a !== null),
  );

/** Values that break the field's own rule (range, length, enum, pattern, content), if it has one. */
function ruleBreakerFor(field: FieldInfo): fc.Arbitrary<unknown> | undefined {
  if (field.type === 'integer') {
    const [min, max] = integerRange(field);
    const breakers: fc.Arbitrary<unknown>[] = [];
    if (field.minimum !== undefined || field.format)
      breakers.push(fc.integer({ min: min - 1000, max: min - 1 }));
    if (field.maximum !== undefined || field.format)
      breakers.push(fc.integer({ min: max + 1, max: max + 1000 }));
    if (field.format) breakers.push(fc.constantFrom(1e20, 2 ** 53, -(2 ** 60), 1e300));
    return breakers.length ? fc.oneof(...breakers) : undefined;
  }
  if (field.enum) {
    const allowed = new Set(field.enum);
    return fc.oneof(
      fc.string({ maxLength: 20 }).filter((s) => !allowed.has(s)),
      fc
        .constantFrom(...field.enum)
        .map((value) => value.toLowerCase())
        .filter((s) => !allowed.has(s)),
    );
  }
  if (field.pattern) {
    const pattern = new RegExp(field.pattern);
    return fc
      .oneof(
        fc.constantFrom('0MB', '100XB', '1.5GB', ' 1GB', '1gb', '-5MB', 'GB', '1 GB', '0100MB'),
        fc.string({ maxLength: 12 }),
      )
      .filter((s) => !pattern.test(s));
  }
  if (field.contentMediaType === 'application/json') {
    return fc.string({ maxLength: 30 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
  }
  if (field.maxLength !== undefined)
    return fc.string({ minLength: field.maxLength + 1, maxLength: field.maxLength + 40 });
  if (field.minLength) return fc.constant('');
  return undefined;
}

const body = (entries: [string, string][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** One invalid field, optionally beside valid ones (so atomicity is tested too). */
export function invalidBody(): fc.Arbitrary<InvalidBody> {
  const fields = settableFields();
  const settable = new Set(settableFieldNames());
  const readOnly = tenantFieldNames().filter((name) => !settable.has(name));
  const withValidCompanion = (kind: string, field: string, valueText: fc.Arbitrary<string>) =>
    fc.tuple(valueText, fc.option(validUpdate(), { nil: undefined })).map(([text, extra]): InvalidBody => {
      const others = Object.entries(extra ?? {})
        .filter(([name]) => name !== field)
        .map(([name, value]): [string, string] => [name, JSON.stringify(value)]);
      return { kind, field, text: body([...others, [field, text]]) };
    });
  const perField = fields.flatMap((field) => {
    const breaker = ruleBreakerFor(field);
    return [
      withValidCompanion(
        'wrong type',
        field.name,
        wrongTypeFor(field).map((v) => JSON.stringify(v)),
      ),
      ...(breaker
        ? [
            withValidCompanion(
              'rule broken',
              field.name,
              breaker.map((v) => JSON.stringify(v)),
            ),
          ]
        : []),
      withValidCompanion('deep nesting', field.name, fc.integer({ min: 50, max: 2000 }).map(nested)),
    ];
  });
  const identifier = fc
    .stringMatching(/^[a-z][a-z0-9_]{0,20}$/)
    .filter((name) => !settable.has(name) && !readOnly.includes(name));
  return fc.oneof(
    { arbitrary: fc.oneof(...perField), weight: 7 },
    {
      arbitrary: fc
        .constantFrom(...readOnly)
        .map((name) => ({ kind: 'read-only key', field: name, text: body([[name, '1']]) })),
      weight: 1,
    },
    {
      arbitrary: identifier.map((name) => ({
        kind: 'unknown key',
        field: name,
        text: body([[name, '"x"']]),
      })),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype').map((name) => ({
        kind: 'prototype key',
        field: name,
        text: body([[name, '{"polluted":true}']]),
      })),
      weight: 1,
    },
  );
}
