export {
  type FieldInfo,
  fieldInfo,
  integerFormatRanges,
  settableFieldNames,
  suggestFieldName,
  tenantFieldNames,
  tenantFields,
} from './fields.js';
export * from './generated/enums.js';
export { tenantJsonSchema } from './generated/tenant-json-schema.js';
export { parseFieldValue } from './parse-field-value.js';
export type * from './types.js';
export { schemaValidator, type ValidationResult, validateTenant, validateTenantUpdate } from './validate.js';
export type { Violation } from './violations.js';
