// The `@tenantctl/schema/fields` entry: field metadata, `KEY=VALUE` parsing and the wording of messages,
// without ajv (a CLI's `--help` or `explain` should not pay for compiling validators).
export { AssignmentSyntaxError, parseAssignment } from '../assignment.js';
export {
  type FieldInfo,
  fieldInfo,
  readOnlyByIdFieldNames,
  readOnlyFieldNames,
  settableByIdFieldNames,
  settableFieldNames,
  suggestFieldName,
  tenantDetailsFieldNames,
  tenantFields,
  tenantSummaryFieldNames,
} from '../fields.js';
export { isJsonObject } from '../json-object.js';
export { type NestedAssignment, parseNestedAssignment } from '../nested-assignment.js';
export { parseFieldValue } from '../parse-field-value.js';
export { isPathId } from '../path-id.js';
export { firstSentence, MAX_LISTED_VALUES } from '../prose.js';
export { redactPaths } from '../redact-paths.js';
export { nearMatches } from '../suggest.js';
export { applyUpdate, sameValue, withNestedValue } from '../update-semantics.js';
export { formatViolations, type Violation } from '../violations.js';
