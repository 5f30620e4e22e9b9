// fast-check generators derived from the spec's field metadata: valid values, valid partial updates,
// and invalid bodies that each break exactly one rule of one named field, or one rule of JSON text.
import {
  type FieldInfo,
  integerFormatRanges,
  readOnlyFieldNames,
  settableFieldNames,
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
  if (field.pattern) {
    // Lengths count code points, as JSON Schema does.
    const [min, max] = [field.minLength ?? 0, field.maxLength ?? Number.POSITIVE_INFINITY];
    return fc
      .stringMatching(new RegExp(field.pattern, 'u'))
      .filter((text) => [...text].length >= min && [...text].length <= max);
  }
  if (field.contentMediaType === 'application/json') return fc.json();
  // Objects and lists (office hours, caller IDs, webhooks): the spec's own example, and for a list any
  // part of it; their inner rules are the validator's, tested on their own in @tenantctl/schema.
  if (field.type === 'array' && Array.isArray(field.example)) return fc.subarray(field.example);
  if (field.type === 'object' || field.type === 'array') return fc.constant(field.example);
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
  /** The JSON Pointer the server must name (`''` for the whole body), or a prefix of it. */
  path: string;
  /** The raw body sent: JSON text, or bytes that are not UTF-8. */
  text: string | Uint8Array;
}

const wrongTypeFor = (field: FieldInfo) =>
  fc.oneof(
    ...(
      [
        field.type !== 'string' ? fc.string() : null,
        field.type !== 'integer' ? fc.integer() : null,
        field.type !== 'boolean' ? fc.boolean() : null,
        fc.constant(null),
        // Not empty: [] is a valid list and {} may be a valid object. Objects are closed, so an x- key
        // is never one of theirs.
        fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
        fc.dictionary(
          fc.string({ maxLength: 5 }).map((key) => `x-${key}`),
          fc.integer(),
          { minKeys: 1, maxKeys: 2 },
        ),
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
  const breakers: fc.Arbitrary<unknown>[] = [];
  if (field.pattern) {
    const pattern = new RegExp(field.pattern, 'u');
    // A control character somewhere (the text patterns refuse some), or a malformed quota.
    const withControl = fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...controlCharacters), fc.string({ maxLength: 8 }))
      .map((parts) => parts.join(''));
    breakers.push(
      fc
        .oneof(
          fc.constantFrom('0MB', '100XB', '1.5GB', ' 1GB', '1gb', '-5MB', 'GB', '1 GB', '0100MB'),
          withControl,
        )
        .filter((text) => !pattern.test(text)),
    );
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
  if (field.maxLength !== undefined && !field.enum)
    breakers.push(fc.string({ minLength: field.maxLength + 1, maxLength: field.maxLength + 40 }));
  if (field.minLength) breakers.push(fc.constant(''));
  return breakers.length > 0 ? fc.oneof(...breakers) : undefined;
}

const controlCharacters = ['\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u009f'];

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Bodies that break a rule of JSON text itself (RFC 8259), each around a valid update: bytes that are
 * not UTF-8, an unpaired surrogate escape in a field's string, a field named twice.
 */
function invalidText(fields: readonly FieldInfo[]): fc.Arbitrary<InvalidBody> {
  const strings = fields.filter(
    (field) => field.type === 'string' && !field.enum && !field.pattern?.includes('KB'),
  );
  const notUtf8 = fc
    .tuple(
      validUpdate(),
      fc.constantFrom(
        [0xff],
        [0xc3],
        [0xe9, 0x22],
        [0xed, 0xa0, 0x80],
        [0xc0, 0xaf],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
      ),
    )
    .map(([update, bad]): InvalidBody => {
      const text = utf8(JSON.stringify({ ...update, name: 'x' }));
      const at = text.indexOf(0x78); // inside the name's string
      return {
        kind: 'not UTF-8',
        path: '',
        text: new Uint8Array([...text.slice(0, at), ...bad, ...text.slice(at)]),
      };
    });
  const surrogate = fc
    .tuple(fc.constantFrom(...strings), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 }))
    .map(([field, unit, tail]): InvalidBody => {
      const surrogateEscape = `\\u${unit.toString(16)}`;
      return {
        kind: 'unpaired surrogate',
        path: `/${field.name}`,
        text: `{"${field.name}":"${surrogateEscape}${JSON.stringify(tail).slice(1, -1)}"}`,
      };
    });
  const repeated = fc.tuple(fc.constantFrom(...fields), validUpdate()).chain(([field, extra]) =>
    fc.tuple(validValue(field), validValue(field)).map(([first, second]): InvalidBody => {
      const others = Object.entries(extra).filter(([name]) => name !== field.name);
      const pairs = [...others.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`)];
      pairs.push(`"${field.name}":${JSON.stringify(first)}`, `"${field.name}":${JSON.stringify(second)}`);
      return { kind: 'repeated name', path: `/${field.name}`, text: `{${pairs.join(',')}}` };
    }),
  );
  return fc.oneof(notUtf8, surrogate, repeated);
}

const body = (entries: [string, string][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** One invalid field, optionally beside valid ones (so atomicity is tested too), or invalid JSON text. */
export function invalidBody(): fc.Arbitrary<InvalidBody> {
  const fields = settableFields();
  const settable = new Set(settableFieldNames());
  const readOnly = readOnlyFieldNames();
  const withValidCompanion = (kind: string, field: string, valueText: fc.Arbitrary<string>) =>
    fc.tuple(valueText, fc.option(validUpdate(), { nil: undefined })).map(([text, extra]): InvalidBody => {
      const others = Object.entries(extra ?? {})
        .filter(([name]) => name !== field)
        .map(([name, value]): [string, string] => [name, JSON.stringify(value)]);
      return { kind, path: `/${field}`, text: body([...others, [field, text]]) };
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
        .map((name) => ({ kind: 'read-only key', path: `/${name}`, text: body([[name, '1']]) })),
      weight: 1,
    },
    {
      arbitrary: identifier.map((name) => ({
        kind: 'unknown key',
        path: `/${name}`,
        text: body([[name, '"x"']]),
      })),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype').map((name) => ({
        kind: 'prototype key',
        path: `/${name}`,
        text: body([[name, '{"polluted":true}']]),
      })),
      weight: 1,
    },
    { arbitrary: invalidText(fields), weight: 2 },
  );
}
