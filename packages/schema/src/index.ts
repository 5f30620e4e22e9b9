export { type Assignment, AssignmentSyntaxError, parseAssignment } from './assignment.js';
export {
  type FieldInfo,
  fieldInfo,
  readOnlyByIdFieldNames,
  readOnlyFieldNames,
  settableByIdFieldNames,
  settableFieldNames,
  suggestFieldName,
  tenantDetailsFieldNames,
  tenantFieldNames,
  tenantFields,
  tenantSummaryFieldNames,
} from './fields.js';
export * from './generated/enums.js';
export { specInfo } from './generated/spec-info.js';
export { integerFormatRanges } from './integer-formats.js';
export { type NestedAssignment, parseNestedAssignment } from './nested-assignment.js';
export { parseFieldValue } from './parse-field-value.js';
export { redactPaths } from './redact-paths.js';
export { schemaDefaults } from './schema-defaults.js';
export type * from './types.js';
export { applyUpdate, sameValue, withNestedValue } from './update-semantics.js';
export { type ValidationResult, validateTenant, validateTenantUpdate, validateValue } from './validate.js';
export { formatViolations, type Violation } from './violations.js';
