// A fleet file: the PBXs (tenantctl profiles) and the rules that say, for the tenants each rule
// matches, what to set. Checked whole before anything is read or sent: unknown keys, a match of no
// known kind, a field the by-id update does not take or a value the spec refuses are a usage error
// (exit 2) naming the rule and the field. The values go through the spec's TenantAdminUpdate.
import { createHash } from 'node:crypto';
import type { CommandDeps } from '../command-deps.js';
import { usageError } from '../exit-error.js';
import { mappingFromText, readFileText } from '../settings-input.js';

/** Which tenants a rule is for. */
export type Match =
  | { kind: 'name'; glob: string }
  | { kind: 'domain'; glob: string }
  | { kind: 'id'; id: string }
  | { kind: 'filter'; filter: string }
  /** A plain list: each entry an id or a name. */
  | { kind: 'list'; items: readonly string[] };

interface FleetRule {
  /** 1 for the first rule, as messages count them. */
  number: number;
  match: Match;
  /** The fields to set, valid against the spec's TenantAdminUpdate. */
  set: Readonly<Record<string, unknown>>;
}

interface FleetPbx {
  /** The tenantctl profile to reach it with; undefined: the current one (flags, environment, default). */
  profile?: string;
}

export interface Fleet {
  /** The file, as named in messages. */
  source: string;
  /** SHA-256 of the file's text: a plan or a journal says which fleet file it was made from. */
  sha256: string;
  pbx: readonly FleetPbx[];
  rules: readonly FleetRule[];
}

const matchKinds = ['name', 'domain', 'id', 'filter'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function unknownKeys(where: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  if (extra.length > 0) {
    throw usageError(
      `${where}: ${extra.map((key) => `"${key}"`).join(', ')} is not a key here (it takes ${allowed.join(', ')})`,
    );
  }
}

function readMatch(where: string, value: unknown): Match {
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every((item) => typeof item === 'string' && item !== '')) {
      throw usageError(`${where}: match: a list must hold one or more ids or names`);
    }
    return { kind: 'list', items: value as string[] };
  }
  if (!isRecord(value)) {
    throw usageError(
      `${where}: match: give one of ${matchKinds.join(', ')} (e.g. match: { name: "shop-*" }), or a list of ids or names`,
    );
  }
  unknownKeys(`${where}: match`, value, matchKinds);
  const [kind, ...more] = Object.keys(value) as (typeof matchKinds)[number][];
  if (kind === undefined || more.length > 0) {
    throw usageError(`${where}: match: give exactly one of ${matchKinds.join(', ')}`);
  }
  const text = value[kind];
  if (typeof text !== 'string' || text === '')
    throw usageError(`${where}: match.${kind}: must be a non-empty string`);
  if (kind === 'id') return { kind, id: text };
  if (kind === 'filter') return { kind, filter: text };
  return { kind, glob: text };
}

async function readRule(where: string, value: unknown): Promise<Omit<FleetRule, 'number'>> {
  if (!isRecord(value)) throw usageError(`${where}: must be a mapping with match and set`);
  unknownKeys(where, value, ['match', 'set']);
  if (!('match' in value)) throw usageError(`${where}: match is required`);
  const match = readMatch(where, value.match);
  if (!isRecord(value.set)) throw usageError(`${where}: set: must be a mapping of fields to values`);
  const { checkTenantUpdate, TenantValidationError } = await import('@tenantctl/client');
  try {
    const checked = await checkTenantUpdate(value.set, 'TenantAdminUpdate');
    return { match, set: checked.fields };
  } catch (error) {
    if (!(error instanceof TenantValidationError)) throw error;
    const { formatViolations } = await import('@tenantctl/schema/fields');
    throw usageError(
      `${where}: set: invalid, nothing was sent:\n${formatViolations(error.violations.map((v) => ({ ...v, message: `set.${v.message}` })))}`,
    );
  }
}

/** Reads and checks a fleet file (JSON or YAML; `-` for standard input). */
export async function readFleetFile(file: string, deps: CommandDeps): Promise<Fleet> {
  const source = file === '-' ? 'standard input' : file;
  const text = await readFileText(file, deps);
  const document = await mappingFromText(text, source);
  unknownKeys(source, document, ['pbx', 'tenants']);
  const pbx: FleetPbx[] = [];
  if (document.pbx !== undefined) {
    if (!Array.isArray(document.pbx) || document.pbx.length === 0) {
      throw usageError(`${source}: pbx: a list of one or more { profile: NAME }`);
    }
    for (const [i, entry] of document.pbx.entries()) {
      const where = `${source}: pbx ${i + 1}`;
      if (!isRecord(entry)) throw usageError(`${where}: must be { profile: NAME }`);
      unknownKeys(where, entry, ['profile']);
      if (typeof entry.profile !== 'string' || entry.profile === '')
        throw usageError(`${where}: profile: must be a profile name`);
      if (pbx.some((other) => other.profile === entry.profile))
        throw usageError(`${where}: profile "${entry.profile}" is listed twice`);
      pbx.push({ profile: entry.profile });
    }
  }
  if (!Array.isArray(document.tenants) || document.tenants.length === 0) {
    throw usageError(`${source}: tenants: a list of one or more rules ({ match: …, set: … })`);
  }
  const rules: FleetRule[] = [];
  for (const [i, rule] of document.tenants.entries()) {
    rules.push({ number: i + 1, ...(await readRule(`${source}: rule ${i + 1}`, rule)) });
  }
  return {
    source,
    sha256: createHash('sha256').update(text).digest('hex'),
    pbx: pbx.length > 0 ? pbx : [{}],
    rules,
  };
}

/** How a rule's match reads in messages: `name "shop-*"`, `a list of 3`. */
export function describeMatch(match: Match): string {
  switch (match.kind) {
    case 'list':
      return `a list of ${match.items.length}`;
    case 'id':
      return `id ${match.id}`;
    case 'filter':
      return `filter "${match.filter}"`;
    default:
      return `${match.kind} "${match.glob}"`;
  }
}
