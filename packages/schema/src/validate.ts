// Runtime validators for the spec's request and response bodies, each compiled once on first use.
import type { ValidateFunction } from 'ajv';
import { tenantJsonSchema } from './generated/tenant-json-schema.js';
import { createSpecAjv } from './json-schema-ajv.js';
import type { Tenant, TenantUpdate } from './types.js';
import { toViolations, type Violation } from './violations.js';

export type ValidationResult<T> =
  | { valid: true; value: T; violations: [] }
  | { valid: false; violations: Violation[] };

let ajv: ReturnType<typeof createSpecAjv> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of one of the spec's named schemas (`TenantUpdate`, `Tenant`, …). */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= createSpecAjv();
    validate = ajv.compile({ $ref: `${tenantJsonSchema.$id}#/$defs/${name}` });
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * Checks a value against one of the spec's named schemas. `subject` names the value in messages when
 * it is not a request body (`If-Match: must match …`).
 */
export function validateValue<T = unknown>(
  name: string,
  value: unknown,
  options: { subject?: string } = {},
): ValidationResult<T> {
  const validate = schemaValidator(name);
  return validate(value)
    ? { valid: true, value: value as T, violations: [] }
    : { valid: false, violations: toViolations(validate.errors, { ...options, schema: name }) };
}

/** Checks a `POST /tenant` body: every violation, each with its JSON path, rule and message. */
export function validateTenantUpdate(value: unknown): ValidationResult<TenantUpdate> {
  return validateValue<TenantUpdate>('TenantUpdate', value);
}

/** Checks a `GET /tenant` body: `null` blanks and unknown extra fields are allowed, as the spec says. */
export function validateTenant(value: unknown): ValidationResult<Tenant> {
  return validateValue<Tenant>('Tenant', value);
}

export { formatViolations, type Violation } from './violations.js';
