// The query parameters of `GET /tenants` read into a TenantQuery, with the grammar the spec gives
// `filter`, `search` and `orderby` (a small subset of OData's). Anything outside it is a violation
// naming the parameter: never a 500, never a filter quietly ignored.
import { fieldInfo, tenantSummaryFieldNames, type Violation, validateValue } from '@tenantctl/schema';
import type { FilterTerm, TenantQuery } from '../storage/tenant-store.js';

type ListParameters = Omit<TenantQuery, 'dealerId' | 'ids'>;

const known = new Set(['filter', 'search', 'orderby', 'skip', 'top']);

const violation = (parameter: string, rule: string, message: string): Violation => ({
  path: `/${parameter}`,
  field: parameter,
  rule,
  message: `${parameter}: ${message}`,
});

/** A whole number within bounds, from the text of a query parameter. */
function wholeNumber(
  parameter: string,
  text: string | undefined,
  fallback: number,
  bounds: { minimum: number; maximum?: number },
  problems: Violation[],
): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,10}$/.test(text)) {
    problems.push(violation(parameter, 'type', 'must be a whole number'));
    return fallback;
  }
  const value = Number(text);
  if (value < bounds.minimum) problems.push(violation(parameter, 'minimum', `must be >= ${bounds.minimum}`));
  else if (bounds.maximum !== undefined && value > bounds.maximum)
    problems.push(violation(parameter, 'maximum', `must be <= ${bounds.maximum}`));
  else if (value > 2 ** 31 - 1) problems.push(violation(parameter, 'format', 'must be an int32'));
  return value;
}

const summaryFields = () => new Set(tenantSummaryFieldNames());

/** A term's value: a quoted string (`''` inside for a quote), true, false, null or an integer. */
function termValue(text: string): { value: FilterTerm['value'] } | undefined {
  if (text === 'true') return { value: true };
  if (text === 'false') return { value: false };
  if (text === 'null') return { value: null };
  if (/^-?\d{1,15}$/.test(text)) return { value: Number(text) };
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  return quoted ? { value: (quoted[1] ?? '').replaceAll("''", "'") } : undefined;
}

/** Whether the value fits the field's type (a string for a string field, and so on; null always). */
function fitsField(field: string, value: FilterTerm['value']): boolean {
  if (value === null) return true;
  const type = fieldInfo(field)?.type;
  return type === 'integer' ? typeof value === 'number' : type === typeof value;
}

/** `FIELD OP VALUE [and FIELD OP VALUE]…`, split where no quoted string is open. */
function parseFilter(text: string, problems: Violation[]): FilterTerm[] {
  const terms: FilterTerm[] = [];
  const term = /\s*([a-z_]+)\s+(eq|ne)\s+('(?:[^']|'')*'|[^\s']+)\s*(?:\band\b|$)/y;
  const fields = summaryFields();
  let at = 0;
  while (at < text.length) {
    term.lastIndex = at;
    const match = term.exec(text);
    if (!match || match[0].length === 0) {
      problems.push(
        violation(
          'filter',
          'pattern',
          `cannot read it from character ${at + 1}: write FIELD eq|ne VALUE, joined by " and " (VALUE a 'quoted' string, true, false, null or a whole number)`,
        ),
      );
      return [];
    }
    const [, field = '', op = 'eq', valueText = ''] = match;
    const value = termValue(valueText);
    if (!fields.has(field)) {
      problems.push(
        violation(
          'filter',
          'enum',
          `${field} is not a field of the summary; these are: ${[...fields].join(', ')}`,
        ),
      );
    } else if (!value) {
      problems.push(
        violation(
          'filter',
          'pattern',
          `${valueText.slice(0, 40)} is not a 'quoted' string, true, false, null or a whole number`,
        ),
      );
    } else if (!fitsField(field, value.value)) {
      problems.push(
        violation(
          'filter',
          'type',
          `${field} is ${fieldInfo(field)?.type ?? 'a string'}: ${valueText.slice(0, 40)} cannot match it`,
        ),
      );
    } else {
      terms.push({ field, op: op as FilterTerm['op'], value: value.value });
    }
    at = term.lastIndex;
    // A trailing "and" with nothing after it is not a filter.
    if (at >= text.length && /\band\s*$/.test(match[0])) {
      problems.push(violation('filter', 'pattern', 'ends with "and": a term must follow it'));
    }
  }
  return terms;
}

/**
 * The page and selection a `GET /tenants` asks for, or the violations of its parameters (each naming
 * its parameter), from the query string as fastify parsed it.
 */
export function readListParameters(
  query: Record<string, unknown>,
): { ok: true; value: ListParameters } | { ok: false; violations: Violation[] } {
  const problems: Violation[] = [];
  const text: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!known.has(name)) {
      problems.push(
        violation(
          name,
          'additionalProperties',
          `is not a parameter of GET /tenants (filter, search, orderby, skip, top)`,
        ),
      );
    } else if (typeof value !== 'string') {
      problems.push(violation(name, 'type', 'must be given once'));
    } else {
      text[name] = value;
    }
  }
  const skip = wholeNumber('skip', text.skip, 0, { minimum: 0 }, problems);
  const top = wholeNumber('top', text.top, 100, { minimum: 1, maximum: 100 }, problems);
  const value: ListParameters = { skip, top };
  if (text.search !== undefined) {
    const checked = validateValue('PlainText', text.search, { subject: 'search' });
    if (!checked.valid)
      problems.push(...checked.violations.map((v) => ({ ...v, path: '/search', field: 'search' })));
    else if (text.search.length > 256)
      problems.push(violation('search', 'maxLength', 'must NOT have more than 256 characters'));
    else value.search = text.search;
  }
  if (text.orderby !== undefined) {
    const match = /^([a-z_]+)(?: (asc|desc))?$/.exec(text.orderby);
    if (!match || !summaryFields().has(match[1] ?? '')) {
      problems.push(
        violation(
          'orderby',
          'pattern',
          `must be a field of the summary, optionally followed by " asc" or " desc"; these are: ${[...summaryFields()].join(', ')}`,
        ),
      );
    } else {
      value.orderBy = { field: match[1] ?? 'id', descending: match[2] === 'desc' };
    }
  }
  if (text.filter !== undefined) {
    if (text.filter.length > 1024)
      problems.push(violation('filter', 'maxLength', 'must NOT have more than 1024 characters'));
    else value.filter = parseFilter(text.filter, problems);
  }
  return problems.length > 0 ? { ok: false, violations: problems } : { ok: true, value };
}
