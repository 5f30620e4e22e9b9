// The one wording of "these settings break the spec" (its own module: it needs the schema package,
// which the entry of the CLI must not load).
import { formatViolations, type Violation } from '@tenantctl/schema/fields';
import { ExitCode, ExitError } from './exit-error.js';

/** Settings that break the spec, every violation listed; nothing was sent. */
export function invalidSettingsError(violations: readonly Violation[], source?: string): ExitError {
  const where = source ? ` in ${source}` : '';
  return new ExitError(
    ExitCode.usage,
    `invalid settings${where}, nothing was sent:\n${formatViolations(violations)}`,
  );
}
