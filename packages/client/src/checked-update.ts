// A patch validated once against the spec, so that the client sends it without checking it again.
import type { TenantUpdate } from '@tenantctl/schema';
import { TenantValidationError } from './errors.js';

const issued = Symbol('CheckedTenantUpdate');

/**
 * A `TenantUpdate` that passed the spec's validator, frozen so it cannot change afterwards. Get one
 * from `checkTenantUpdate`; `updateTenant` sends it as it is.
 */
export class CheckedTenantUpdate {
  readonly fields: Readonly<TenantUpdate>;

  /** @internal Only `checkTenantUpdate` and `pick` make one. */
  constructor(fields: TenantUpdate, token: typeof issued) {
    if (token !== issued) throw new TypeError('use checkTenantUpdate() to make a CheckedTenantUpdate');
    this.fields = Object.freeze({ ...fields });
  }

  /**
   * The same update restricted to `names`, or undefined when none of them is in it. No new check is
   * needed: every rule of `TenantUpdate` is about one field (plus "no unknown field" and "at least one
   * field"), so any non-empty part of a valid update is valid. A test pins that property of the spec.
   */
  pick(names: Iterable<string>): CheckedTenantUpdate | undefined {
    const entries = Object.entries(this.fields);
    const wanted = new Set(names);
    const kept = entries.filter(([name]) => wanted.has(name));
    return kept.length === 0 ? undefined : new CheckedTenantUpdate(Object.fromEntries(kept), issued);
  }
}

/**
 * Checks a patch against the spec (every violation at once) before anything is sent. Throws a
 * `TenantValidationError` (`status` undefined) carrying the violations. The validators are loaded on
 * first use: a read-only caller, or a page's first paint, never loads them.
 */
export async function checkTenantUpdate(patch: unknown): Promise<CheckedTenantUpdate> {
  const { validateTenantUpdate, formatViolations } = await import('@tenantctl/schema/validate');
  const checked = validateTenantUpdate(patch);
  if (!checked.valid) {
    throw new TenantValidationError(
      `the update was not sent: ${formatViolations(checked.violations, 'inline')}`,
      { method: 'POST', violations: checked.violations },
    );
  }
  return new CheckedTenantUpdate(checked.value, issued);
}
