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
      const { ids, names } = listReadings(match.items);
      return (tenant) => ids.has(tenant.id) || (typeof tenant.name === 'string' && names.has(tenant.name));
    }
    case 'filter':
      return (tenant) => filtered?.has(tenant.id) === true;
  }
}

/**
 * What the items of a list match may mean: `id:X` only an id, `name:X` only a name, any other text
 * either (fleet plan refuses one that is one tenant's id and another's name: see plan.ts).
 */
export function listReadings(items: readonly string[]): {
  ids: ReadonlySet<string>;
  names: ReadonlySet<string>;
  either: ReadonlySet<string>;
} {
  const ids = new Set<string>();
  const names = new Set<string>();
  const either = new Set<string>();
  for (const item of items) {
    const forced = /^(id|name):(.+)$/s.exec(item);
    if (forced?.[1] === 'id') ids.add(forced[2] ?? '');
    else if (forced?.[1] === 'name') names.add(forced[2] ?? '');
    else {
      ids.add(item);
      names.add(item);
      either.add(item);
    }
  }
  return { ids, names, either };
}
