// The query parameters of `GET /tenants` read into a TenantQuery, with the grammar the spec gives
// `filter`, `search` and `orderby` (a small subset of OData's). Anything outside it is a violation
// naming the parameter: never a 500, never a filter quietly ignored.
import {
  fieldInfo,
  schemaDefaults,
  tenantSummaryFieldNames,
  type Violation,
  validateValue,
} from '@tenantctl/schema';
import type { FilterTerm, TenantQuery } from '../storage/tenant-store.js';

type ListParameters = Omit<TenantQuery, 'dealerId' | 'ids'>;

/** The query as the spec's TenantListQuery has it, defaults filled in. */
type ListQuery = { filter?: string; search?: string; orderby?: string; skip: number; top: number };

/** The spec's schema of the whole query: bounds, defaults and which parameters there are. */
const QUERY_SCHEMA = 'TenantListQuery';

const violation = (parameter: string, rule: string, message: string): Violation => ({
  path: `/${parameter}`,
  field: parameter,
  rule,
  message: `${parameter}: ${message}`,
});

/** A parameter's text as the JSON value the spec's schema checks: digits as a number, else the text. */
function asJsonValue(name: string, text: string): string | number {
  return (name === 'skip' || name === 'top') && /^-?\d{1,16}$/.test(text) ? Number(text) : text;
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

/** Where the next thing to read starts, past blanks: 1-based, as the message counts characters. */
const characterAt = (text: string, at: number) =>
  at + (text.slice(at).length - text.slice(at).trimStart().length) + 1;

const unreadable = (text: string, at: number) =>
  violation(
    'filter',
    'pattern',
    `cannot read it from character ${characterAt(text, at)}: write FIELD eq|ne VALUE, joined by " and " (VALUE a 'quoted' string, true, false, null or a whole number)`,
  );

/** `FIELD OP VALUE [and FIELD OP VALUE]…`, split where no quoted string is open. */
function parseFilter(text: string, problems: Violation[]): FilterTerm[] {
  const terms: FilterTerm[] = [];
  const term = /\s*([a-z_]+)\s+(eq|ne)\s+('(?:[^']|'')*'|[^\s']+)/y;
  // Read apart from the term, so that "name eq 'a' or …" is named at the "or", not at the term.
  const joiner = /\s*(?:\band\b|$)/y;
  const fields = summaryFields();
  let at = 0;
  while (at < text.length) {
    term.lastIndex = at;
    const match = term.exec(text);
    if (!match) {
      problems.push(unreadable(text, at));
      return [];
    }
    joiner.lastIndex = term.lastIndex;
    const joined = joiner.exec(text);
    if (!joined) {
      problems.push(unreadable(text, term.lastIndex));
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
    at = joiner.lastIndex;
    // A trailing "and" with nothing after it is not a filter.
    if (joined[0].trimStart() === 'and' && text.slice(at).trim() === '') {
      problems.push(violation('filter', 'pattern', 'ends with "and": a term must follow it'));
      break;
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
  const given: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(query)) {
    // A parameter given twice arrives as an array: the spec takes each once.
    if (typeof value !== 'string') problems.push(violation(name, 'type', 'must be given once'));
    else given[name] = asJsonValue(name, value);
  }
  const checked = validateValue<Partial<ListQuery>>(QUERY_SCHEMA, given);
  problems.push(...checked.violations);
  // The grammar of orderby and filter is checked for each that passed the schema, so that every
  // parameter that is wrong is named at once.
  const broken = new Set(problems.map((problem) => problem.field));
  const fine = (name: string) => (broken.has(name) ? undefined : given[name]);
  const { skip, top } = schemaDefaults(QUERY_SCHEMA) as Pick<ListQuery, 'skip' | 'top'>;
  const value: ListParameters = {
    skip: (fine('skip') as number | undefined) ?? skip,
    top: (fine('top') as number | undefined) ?? top,
  };
  const search = fine('search');
  if (typeof search === 'string') value.search = search;
  const orderby = fine('orderby');
  if (typeof orderby === 'string') {
    const [field = '', direction] = orderby.split(' ');
    if (!summaryFields().has(field)) {
      problems.push(
        violation(
          'orderby',
          'enum',
          `must be a field of the summary, optionally followed by " asc" or " desc"; these are: ${[...summaryFields()].join(', ')}`,
        ),
      );
    } else {
      value.orderBy = { field, descending: direction === 'desc' };
    }
  }
  const filter = fine('filter');
  if (typeof filter === 'string') value.filter = parseFilter(filter, problems);
  return problems.length > 0 ? { ok: false, violations: problems } : { ok: true, value };
}
