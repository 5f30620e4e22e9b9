// RFC 9110 If-Match against the tenant's version: `*`, or a list of strong tags one of which is current.
import { type Violation, validateValue } from '@tenantctl/schema';

type IfMatch = { any: true } | { any: false; versions: number[] };

export type IfMatchResult =
  | { valid: true; value: IfMatch | undefined }
  | { valid: false; violations: Violation[] };

/**
 * The versions an If-Match header accepts (`value` undefined without the header). A header that breaks
 * the spec's `EntityTagList` (an empty one too) is the client's mistake, reported with the body's.
 * Weak tags and tags of another database never match (strong comparison), so they add no version.
 */
export function readIfMatch(header: string | undefined, instanceId: string): IfMatchResult {
  if (header === undefined) return { valid: true, value: undefined };
  const checked = validateValue('EntityTagList', header, { subject: 'If-Match' });
  if (!checked.valid) return { valid: false, violations: checked.violations };
  if (header === '*') return { valid: true, value: { any: true } };
  const versions: number[] = [];
  // The pattern held, so the header is a list of quoted tags; a comma may sit inside one.
  for (const [, weak, opaque] of header.matchAll(/(W\/)?"([^"]*)"/g)) {
    const ours = weak ? null : /^(\d{1,15})-(.*)$/.exec(opaque ?? '');
    if (ours?.[2] === instanceId) versions.push(Number(ours[1]));
  }
  return { valid: true, value: { any: false, versions } };
}
