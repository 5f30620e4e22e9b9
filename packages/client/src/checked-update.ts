// A patch validated once against the spec, so that the client sends it without checking it again.
import type { TenantAdminUpdate, TenantUpdate } from '@tenantctl/schema';
import { TenantValidationError } from './errors.js';

const issued = Symbol('CheckedTenantUpdate');

/** The two partial updates of the spec: a tenant's own (`POST /tenant`) and a system user's by id. */
export interface UpdateSchemas {
  TenantUpdate: TenantUpdate;
  TenantAdminUpdate: TenantAdminUpdate;
}
export type UpdateSchema = keyof UpdateSchemas;

/**
 * An update that passed the spec's validator for `schema`, frozen so it cannot change afterwards. Get
 * one from `checkTenantUpdate`; `updateTenant` (for `TenantUpdate`) and `updateTenantById` (for
 * `TenantAdminUpdate`) send it as it is.
 */
export class CheckedTenantUpdate<S extends UpdateSchema = 'TenantUpdate'> {
  readonly schema: S;
  readonly fields: Readonly<UpdateSchemas[S]>;

  /** @internal Only `checkTenantUpdate` and `pick` make one. */
  constructor(schema: S, fields: UpdateSchemas[S], token: typeof issued) {
    if (token !== issued) throw new TypeError('use checkTenantUpdate() to make a CheckedTenantUpdate');
    this.schema = schema;
    this.fields = Object.freeze({ ...fields });
  }

  /**
   * The same update restricted to `names`, or undefined when none of them is in it. No new check is
   * needed: every rule of both update schemas is about one field (plus "no unknown field" and "at
   * least one field"), so any non-empty part of a valid update is valid. A test pins that property of
   * the spec.
   */
  pick(names: Iterable<string>): CheckedTenantUpdate<S> | undefined {
    const wanted = new Set(names);
    const kept = Object.entries(this.fields).filter(([name]) => wanted.has(name));
    return kept.length === 0
      ? undefined
      : new CheckedTenantUpdate(this.schema, Object.fromEntries(kept) as UpdateSchemas[S], issued);
  }
}

/**
 * Checks a patch against the spec's `TenantUpdate` (default) or `TenantAdminUpdate` (every violation
 * at once) before anything is sent. Throws a `TenantValidationError` (`status` undefined) carrying the
 * violations. The validators are loaded on first use: a read-only caller, or a page's first paint,
 * never loads them.
 */
export async function checkTenantUpdate<S extends UpdateSchema = 'TenantUpdate'>(
  patch: unknown,
  schema: S = 'TenantUpdate' as S,
): Promise<CheckedTenantUpdate<S>> {
  const { validateValue, formatViolations } = await import('@tenantctl/schema/validate');
  const checked = validateValue<UpdateSchemas[S]>(schema, patch);
  if (!checked.valid) {
    throw new TenantValidationError(
      `the update was not sent: ${formatViolations(checked.violations, 'inline')}`,
      { method: 'POST', violations: checked.violations },
    );
  }
  return new CheckedTenantUpdate(schema, checked.value, issued);
}

/** The update as checked for `schema`: as it is when it was, checked (again) when it was not. */
export async function checkedFor<S extends UpdateSchema>(
  patch: UpdateSchemas[S] | CheckedTenantUpdate<S>,
  schema: S,
): Promise<CheckedTenantUpdate<S>> {
  // The type allows only an update checked for this schema; a caller without types may pass another.
  if (patch instanceof CheckedTenantUpdate) {
    return patch.schema === schema ? patch : checkTenantUpdate(patch.fields, schema);
  }
  return checkTenantUpdate(patch, schema);
}
