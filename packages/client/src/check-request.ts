// What is about to be sent, checked against the spec's schema for it, so that bad input is named
// before anything leaves. The validators are loaded on first use.
import { TenantValidationError } from './errors.js';

/**
 * The value when it is a valid `schema`; otherwise a `TenantValidationError` (`status` undefined)
 * naming every violation. `subject` names a value that is not a body (`the one-time code`).
 */
export async function checkRequest<T>(
  schema: string,
  value: unknown,
  { subject, method = 'POST' }: { subject?: string; method?: string } = {},
): Promise<T> {
  const { validateValue, formatViolations } = await import('@tenantctl/schema/validate');
  const checked = validateValue<T>(schema, value, subject === undefined ? {} : { subject });
  if (checked.valid) return checked.value;
  throw new TenantValidationError(`nothing was sent: ${formatViolations(checked.violations, 'inline')}`, {
    method,
    violations: checked.violations,
  });
}
