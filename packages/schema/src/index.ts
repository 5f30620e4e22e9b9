export { type Assignment, AssignmentSyntaxError, parseAssignment } from './assignment.js';
export {
  type FieldInfo,
  fieldInfo,
  readOnlyFieldNames,
  settableFieldNames,
  suggestFieldName,
  tenantFieldNames,
  tenantFields,
} from './fields.js';
export * from './generated/enums.js';
export { integerFormatRanges } from './integer-formats.js';
export { isJsonObject } from './json-object.js';
export { pointerTo, topLevelField, unescapePointerToken } from './json-pointer.js';
export { parseFieldValue } from './parse-field-value.js';
export { firstSentence, MAX_LISTED_VALUES } from './prose.js';
export { closestMatch, didYouMean, editDistance } from './suggest.js';
export type * from './types.js';
export {
  schemaValidator,
  type ValidationResult,
  validateTenant,
  validateTenantUpdate,
  validateValue,
} from './validate.js';
export { formatViolations, type Violation } from './violations.js';
