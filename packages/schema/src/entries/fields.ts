// The `@tenantctl/schema/fields` entry: field metadata, `KEY=VALUE` parsing and the wording of messages,
// without ajv (a CLI's `--help` or `explain` should not pay for compiling validators).
export { type Assignment, AssignmentSyntaxError, parseAssignment } from '../assignment.js';
export {
  type FieldInfo,
  fieldInfo,
  readOnlyFieldNames,
  settableFieldNames,
  suggestFieldName,
  tenantFieldNames,
  tenantFields,
} from '../fields.js';
export { integerFormatRanges } from '../integer-formats.js';
export { isJsonObject } from '../json-object.js';
export { parseFieldValue } from '../parse-field-value.js';
export { firstSentence, MAX_LISTED_VALUES } from '../prose.js';
export { closestMatch, didYouMean } from '../suggest.js';
export { formatViolations, type Violation } from '../violations.js';
