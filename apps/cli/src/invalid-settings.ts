// The one wording of "these settings break the spec" (its own module: it needs the schema package,
// which the entry of the CLI must not load).
import { fieldInfo, formatViolations, type Violation } from '@tenantctl/schema/fields';
import { ExitCode, ExitError } from './exit-error.js';

/** A field `/tenant` cannot set that a system user can, by id: the message says how. */
function withHint(violation: Violation): Violation {
  const field = violation.field === undefined ? undefined : fieldInfo(violation.field);
  if (violation.rule !== 'readOnly' || !field?.settableById || field.settable) return violation;
  return {
    ...violation,
    message: `${violation.message} here; a SystemAdmin or a Dealer sets it by id: tenantctl set --tenant ID|NAME ${field.name}=…`,
  };
}

/** Settings that break the spec, every violation listed; nothing was sent. */
export function invalidSettingsError(violations: readonly Violation[], source?: string): ExitError {
  const where = source ? ` in ${source}` : '';
  return new ExitError(
    ExitCode.usage,
    `invalid settings${where}, nothing was sent:\n${formatViolations(violations.map(withHint))}`,
  );
}
