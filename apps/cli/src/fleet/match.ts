// Whether a fleet rule's match takes a tenant: a glob on its name or domain (`*` any run of
// characters, `?` one), its id, one of a list of ids or names, or the ids a list filter gave.
import type { Match } from './fleet-file.js';

/** A shell-style glob as an anchored, case-sensitive regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

export interface TenantKeys {
  id: string;
  name: string | null | undefined;
  domain: string | null | undefined;
}

/**
 * A matcher for `match`; `filtered` holds the ids the PBX listed for a `filter` match (the server reads
 * the filter's grammar, so the two always agree).
 */
export function matcherFor(match: Match, filtered?: ReadonlySet<string>): (tenant: TenantKeys) => boolean {
  switch (match.kind) {
    case 'name': {
      const pattern = globToRegExp(match.glob);
      return (tenant) => typeof tenant.name === 'string' && pattern.test(tenant.name);
    }
    case 'domain': {
      const pattern = globToRegExp(match.glob);
      return (tenant) => typeof tenant.domain === 'string' && pattern.test(tenant.domain);
    }
    case 'id':
      return (tenant) => tenant.id === match.id;
    case 'list': {
      const wanted = new Set(match.items);
      return (tenant) =>
        wanted.has(tenant.id) || (typeof tenant.name === 'string' && wanted.has(tenant.name));
    }
    case 'filter':
      return (tenant) => filtered?.has(tenant.id) === true;
  }
}
