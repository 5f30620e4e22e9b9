// Field metadata only: importing the package root would pull in ajv and its start-up cost.
import { suggestFieldName, tenantFields } from '@tenantctl/schema/fields';

/** ` (did you mean "x"?)` for a mistyped field name, or a pointer to the list. */
export function suggestField(name: string): string {
  const hint = suggestFieldName(
    name,
    tenantFields().map((field) => field.name),
  );
  return hint ? ` (did you mean "${hint}"?)` : '; run tenantctl explain for the list';
}
