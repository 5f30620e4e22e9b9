// The wording of every rule, exactly: these messages reach operators through the CLI and the server.

import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateTenant, validateTenantUpdate, validateValue } from '../src/validate.js';
import { formatViolations, toViolations, type Violation } from '../src/violations.js';

const messagesFor = (patch: unknown) => validateTenantUpdate(patch).violations.map((v) => v.message);
const rulesFor = (patch: unknown) => validateTenantUpdate(patch).violations.map((v) => v.rule);

describe('messages', () => {
  it.each([
    [{ recording_retention: 'ninety' }, 'recording_retention: must be an integer'],
    [{ recording_retention: 1.5 }, 'recording_retention: must be an integer'],
    [{ enable_video_recording: 'yes' }, 'enable_video_recording: must be a boolean (true or false)'],
    [{ name: 5 }, 'name: must be a string'],
    [{ recording_retention: 0 }, 'recording_retention: must be >= 1'],
    [{ contact_match_length: -1 }, 'contact_match_length: must be >= 0'],
    [{ contact_update_interval: 43201 }, 'contact_update_interval: must be <= 43200'],
    [{ contact_update_interval: 2 ** 32 }, 'contact_update_interval: must be <= 43200'],
    [
      { contact_match_length: 2 ** 31 },
      'contact_match_length: must be a whole number from -2147483648 to 2147483647 (int32)',
    ],
    [{ name: '' }, 'name: must be at least 1 character(s) long'],
    [{ website: 'w'.repeat(256) }, 'website: must be at most 255 characters long'],
    [{ contact_append_type: 'SIDEWAYS' }, 'contact_append_type: must be one of DISABLE, APPEND, PREPEND'],
    [
      { contact_append_type: 'APEND' },
      'contact_append_type: must be one of DISABLE, APPEND, PREPEND (did you mean "APPEND"?)',
    ],
    [
      { timezone: 'Mars/Phobos' },
      'timezone: must be one of the 597 allowed values (The IANA Time Zone names, such as "Asia/Shanghai")',
    ],
    [
      { timezone: 'Europe/Berlinn' },
      'timezone: must be one of the 597 allowed values (The IANA Time Zone names, such as "Asia/Shanghai") (did you mean "Europe/Berlin"?)',
    ],
    [
      { region: 'US' },
      'region: must be one of the 249 allowed values (A valid country code based on iso3166-1 alpha-3 standard), e.g. "USA"',
    ],
    [
      { region: 'usa' },
      'region: must be one of the 249 allowed values (A valid country code based on iso3166-1 alpha-3 standard) (did you mean "USA"?)',
    ],
    [
      { extension_im_disk_quota: '100XB' },
      'extension_im_disk_quota: must match ^(?:[1-9][0-9]{0,14}(?:KB|MB|GB|PB))?$ (A disk size: empty (unlimited), or a positive whole number immediately followed by one of the units KB, MB, GB, PB, such as 100MB or 1000GB)',
    ],
    [
      { name: 'a\u0000b' },
      'name: must match ^[^\\u0000-\\u001F\\u007F-\\u009F]*$ (Text without control characters: no line break, tab, NUL or other C0/C1 control character)',
    ],
    [{ custom_options: '{nope' }, 'custom_options: must be a string holding valid JSON'],
    [{}, 'the update is empty: set at least one field'],
    [[], 'the body: must be an object'],
    [{ max_extensions: 5 }, 'max_extensions: is read-only and cannot be set'],
    [{ id: 'x' }, 'id: is read-only and cannot be set'],
    [{ nmae: 'x' }, 'nmae: is not a settable field (did you mean "name"?)'],
    [{ colour: 'red' }, 'colour: is not a settable field'],
  ])('%j → %s', (patch, message) => {
    expect(messagesFor(patch)).toEqual([message]);
  });

  it.each([
    [{ recording_retention: 'x' }, 'type'],
    [{ recording_retention: 0 }, 'minimum'],
    [{ contact_update_interval: 43201 }, 'maximum'],
    [{ contact_match_length: 2 ** 31 }, 'format'],
    [{ contact_match_length: -(2 ** 31) - 1 }, 'minimum'], // below the bound and the format: the bound
    [{ contact_update_interval: 2 ** 32 }, 'maximum'], // above both: the bound
    [{ name: '' }, 'minLength'],
    [{ website: 'w'.repeat(256) }, 'maxLength'],
    [{ contact_append_type: 'X' }, 'enum'],
    [{ name: '\n' }, 'pattern'],
    [{ custom_options: '{' }, 'contentMediaType'],
    [{}, 'minProperties'],
    [{ max_extensions: 1 }, 'readOnly'],
    [{ colour: 1 }, 'additionalProperties'],
  ])('%j breaks %s', (patch, rule) => {
    expect(rulesFor(patch)).toEqual([rule]);
  });

  it('names the value when it is not a body', () => {
    expect(
      validateValue('EntityTagList', 'abc', { subject: 'If-Match' }).violations.map((v) => v.message),
    ).toEqual([expect.stringMatching(/^If-Match: must match \^\(\?:\\\*\|/)]);
  });

  it('never echoes the rejected value (it may be a secret)', () => {
    const secret = 'TOP-SECRET-KEY-MATERIAL';
    const result = validateTenantUpdate({ stir_shaken_key: [secret], name: secret.repeat(100), [secret]: 1 });
    expect(JSON.stringify(result.violations.filter((v) => v.field !== secret))).not.toContain(secret);
  });
});

describe('violations', () => {
  it('have path, field, rule and message; one per value and rule', () => {
    expect(
      validateTenantUpdate({ name: '', recording_retention: 1.5, contact_match_type: 'SOMETIMES' })
        .violations,
    ).toEqual([
      {
        path: '/name',
        field: 'name',
        rule: 'minLength',
        message: 'name: must be at least 1 character(s) long',
      },
      {
        path: '/recording_retention',
        field: 'recording_retention',
        rule: 'type',
        message: 'recording_retention: must be an integer',
      },
      {
        path: '/contact_match_type',
        field: 'contact_match_type',
        rule: 'enum',
        message: 'contact_match_type: must be one of DISABLE, MATCH_EXACTLY, MATCH_LENGTH',
      },
    ]);
  });

  it('for the body as a whole have no field', () => {
    expect(validateTenantUpdate({}).violations).toEqual([
      { path: '', rule: 'minProperties', message: 'the update is empty: set at least one field' },
    ]);
  });

  it('leave out the noise of nullable fields in a response', () => {
    expect(
      validateTenant({ max_extensions: 'many', timezone: 'Mars/Phobos' }).violations.map((v) => [
        v.field,
        v.rule,
      ]),
    ).toEqual([
      ['timezone', 'enum'],
      ['max_extensions', 'type'],
    ]);
    expect(validateTenant({ max_extensions: 'many' }).violations[0]?.message).toBe(
      'max_extensions: must be an integer',
    );
  });

  it('read a key with / or ~ back as written', () => {
    const [violation] = validateTenantUpdate({ 'a/b~c': 1 }).violations;
    expect(violation).toEqual({
      path: '/a~1b~0c',
      field: 'a/b~c',
      rule: 'additionalProperties',
      message: 'a/b~c: is not a settable field',
    });
  });
});

describe('toViolations, for errors the spec does not produce today', () => {
  const error = (over: Partial<ErrorObject>): ErrorObject =>
    ({ keyword: 'x', instancePath: '/a', schemaPath: '#', params: {}, ...over }) as ErrorObject;

  it('is empty without errors', () => {
    expect(toViolations(null)).toEqual([]);
    expect(toViolations(undefined)).toEqual([]);
    expect(toViolations([])).toEqual([]);
  });

  it.each([
    [error({ keyword: 'format', params: { format: 'email' } }), 'format', 'a: must be in format email'],
    [error({ keyword: 'uniqueItems' }), 'uniqueItems', 'a: is not valid'],
    [error({ keyword: 'type', params: { type: 'number' } }), 'type', 'a: must be number'],
    [error({ keyword: 'type', params: { type: 'array' } }), 'type', 'a: must be array'],
    [
      error({ keyword: 'pattern', params: { pattern: '^x$' }, parentSchema: { examples: ['x'] } }),
      'pattern',
      'a: must match ^x$, e.g. "x"',
    ],
    [
      error({ keyword: 'pattern', params: { pattern: '^x$' }, parentSchema: {} }),
      'pattern',
      'a: must match ^x$',
    ],
    [
      error({ keyword: 'enum', data: 5, params: { allowedValues: ['a', 'b'] } }),
      'enum',
      'a: must be one of a, b',
    ],
    [
      error({
        keyword: 'enum',
        data: 'x',
        params: { allowedValues: Array.from({ length: 13 }, (_, i) => `v${i}`) },
        parentSchema: {},
      }),
      'enum',
      'a: must be one of the 13 allowed values (see the spec)',
    ],
  ])('%#: %s', (given, rule, message) => {
    expect(toViolations([given])).toEqual([{ path: '/a', field: 'a', rule, message }]);
  });

  it('names a missing required property as the field it is', () => {
    const missing = (instancePath: string) =>
      toViolations([error({ keyword: 'required', instancePath, params: { missingProperty: 'password' } })]);
    expect(missing('')).toEqual([
      { path: '/password', field: 'password', rule: 'required', message: 'password: is required' },
    ]);
    expect(missing('/a')).toEqual([
      { path: '/a/password', field: 'a', rule: 'required', message: 'a/password: is required' },
    ]);
  });

  it('names what another body takes, for a key it does not', () => {
    const unknown = toViolations(
      [
        error({
          keyword: 'additionalProperties',
          instancePath: '',
          params: { additionalProperty: 'passwrd' },
          parentSchema: { properties: { username: {}, password: {}, domain: {} } },
        }),
      ],
      { schema: 'SignInRequest' },
    );
    expect(unknown).toEqual([
      {
        path: '/passwrd',
        field: 'passwrd',
        rule: 'additionalProperties',
        message:
          'passwrd: is not allowed here (did you mean "password"?) (it takes username, password, domain)',
      },
    ]);
  });

  it('keeps the anyOf noise when it is all there is', () => {
    const only = toViolations([error({ keyword: 'anyOf', message: 'must match a schema in anyOf' })]);
    expect(only).toEqual([
      { path: '/a', field: 'a', rule: 'anyOf', message: 'a: must match a schema in anyOf' },
    ]);
  });

  it('names an unknown key deeper down without a suggestion, and the top-level field it is in', () => {
    const [violation] = toViolations([
      error({
        keyword: 'additionalProperties',
        instancePath: '/a/0',
        params: { additionalProperty: 'nmae' },
      }),
    ]);
    expect(violation).toEqual({
      path: '/a/0/nmae',
      field: 'a',
      rule: 'additionalProperties',
      message: 'nmae: is not a settable field',
    });
  });
});

describe("the tenant collection's bodies", () => {
  it.each([
    ['TenantAdminUpdate', { name: 'x' }, 'readOnly', 'name: cannot be set by id (POST /tenants/{id})'],
    [
      'TenantAdminUpdate',
      { stir_shaken_key: 'x' },
      'readOnly',
      'stir_shaken_key: cannot be set by id (POST /tenants/{id})',
    ],
    [
      'TenantAdminUpdate',
      { max_extensons: 5 },
      'additionalProperties',
      'max_extensons: is not a settable field (did you mean "max_extensions"?)',
    ],
    ['TenantCreate', { name: 'A', id: 'x' }, 'readOnly', 'id: cannot be set when a tenant is created'],
    [
      'TenantCreate',
      { name: 'A', nmae: 'x' },
      'additionalProperties',
      'nmae: is not a settable field (did you mean "name"?)',
    ],
  ])('%s %j: %s', (schema, body, rule, message) => {
    expect(validateValue(schema, body).violations).toEqual([
      { path: `/${Object.keys(body).at(-1)}`, field: Object.keys(body).at(-1), rule, message },
    ]);
  });
});

describe('formatViolations', () => {
  const violations: Violation[] = [
    { path: '/a', rule: 'r', message: 'a: one' },
    { path: '/b', rule: 'r', message: 'b: two' },
  ];
  it('lists one per line, or joins them on one line', () => {
    expect(formatViolations(violations)).toBe('  - a: one\n  - b: two');
    expect(formatViolations(violations, 'list')).toBe('  - a: one\n  - b: two');
    expect(formatViolations(violations, 'inline')).toBe('a: one; b: two');
    expect(formatViolations([])).toBe('');
  });
});
