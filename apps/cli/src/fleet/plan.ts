// A fleet plan: for each PBX of the fleet, the tenants its rules match (pages streamed, not held), each
// read by id with its ETag (a few at a time), and what would change. A later rule wins for a field two
// rules set. Secrets are never in a plan: a change to a secret field says only that it changes.
import type { TenantClient, TenantDetails } from '@tenantctl/client';
import { type Change, computeChanges } from '../changes.js';
import type { ClientTuning, CommandDeps } from '../command-deps.js';
import type { ConnectionFlags } from '../connection.js';
import { ExitCode, type ExitCodeValue, ExitError, usageError } from '../exit-error.js';
import { describeMatch, type Fleet } from './fleet-file.js';
import { listReadings, matcherFor } from './match.js';
import { runPool } from './pool.js';

/** A change as a plan keeps it; a secret one holds no value, only that it changes. */
export interface PlannedChange {
  field: string;
  from?: unknown;
  to?: unknown;
  secret?: true;
}

interface PlannedTenant {
  pbx: string;
  id: string;
  name: string;
  /** The ETag read: the update is sent with it (If-Match), so a tenant changed since is not overwritten. */
  etag: string | undefined;
  /** The rules that matched it, by number: the fleet file gives back the values of secret fields. */
  rules: number[];
  changes: PlannedChange[];
}

interface PlanPbx {
  /** The profile's name, as the fleet file gives it (`default` for the current one). */
  name: string;
  url: string;
}

/** A tenant, or a whole PBX, that could not be read: its drift is unknown. */
interface UnreadInPlan {
  pbx: string;
  /** The tenant; none when the PBX's list itself could not be read. */
  id?: string;
  name?: string;
  reason: string;
  /** The exit code this failure means on its own (1 refused or failed, 4 unreachable). */
  exitCode: ExitCodeValue;
}

export interface Plan {
  format: 'tenantctl-fleet-plan/1';
  createdAt: string;
  fleet: { source: string; sha256: string };
  pbx: PlanPbx[];
  /** How many tenants the rules matched, on every PBX. */
  matched: number;
  /** The tenants that would change; the others already match. */
  tenants: PlannedTenant[];
  /**
   * What could not be read (a tenant's read failed, a PBX's list failed): the plan holds the drift of
   * everything else, and the command ends with a failure code.
   */
  unread?: UnreadInPlan[];
}

/** A PBX the plan could not read because it refused the sign-in or the token. */
export class PbxRefusedError extends Error {
  constructor(
    readonly pbx: string,
    cause: Error,
  ) {
    super(`PBX "${pbx}" refused the sign-in: ${cause.message}`, { cause });
  }
}

/** Whether a field's value may hold a secret: then a plan, a journal and the output never show it. */
export async function secretFieldNames(): Promise<Set<string>> {
  const { tenantFields } = await import('@tenantctl/schema/fields');
  return new Set(
    tenantFields()
      .filter((field) => field.secret || field.secretPaths.length > 0)
      .map((field) => field.name),
  );
}

/** The fields the matched rules set, a later rule winning. */
export function desiredFor(fleet: Fleet, rules: readonly number[]): Record<string, unknown> {
  return Object.assign({}, ...rules.map((number) => fleet.rules[number - 1]?.set ?? {}));
}

export function toPlannedChanges(changes: readonly Change[], secrets: ReadonlySet<string>): PlannedChange[] {
  return changes.map(({ field, from, to }) =>
    secrets.has(field) ? { field, secret: true } : { field, from, to },
  );
}

export interface PlanOptions {
  /** Reads in flight per PBX. */
  concurrency: number;
  /** Called as each PBX's tenants are read, for progress. */
  onRead?: (pbx: string, read: number, matched: number) => void;
}

const isAuthFailure = (error: unknown) =>
  error instanceof Error &&
  ['auth', 'sign-in', 'forbidden'].includes(String((error as { kind?: unknown }).kind));

/** The flags that reach a PBX of the fleet: its profile, or the current connection. */
export const flagsFor = (base: ConnectionFlags, profile: string | undefined): ConnectionFlags =>
  profile === undefined ? base : { ...base, profile };

/** A connected client per PBX of the fleet, keyed by its name; its URL read from the profile. */
export async function connectFleet(
  fleet: Fleet,
  base: ConnectionFlags,
  deps: CommandDeps,
  tuning: (pbx: string) => ClientTuning = () => ({}),
): Promise<{ name: string; url: string; client: TenantClient }[]> {
  const { namesCacheOf } = await import('../tenant-target.js');
  return Promise.all(
    fleet.pbx.map(async ({ profile }) => {
      const name = profile ?? 'default';
      const flags = flagsFor(base, profile);
      const url = (await namesCacheOf(flags, deps))?.url ?? '';
      return { name, url, client: await deps.connect(flags, tuning(name)) };
    }),
  );
}

/** Reads the fleet and plans it; a rule that matches no tenant on any PBX is a usage error. */
export async function planFleet(
  fleet: Fleet,
  pbxs: readonly { name: string; url: string; client: TenantClient }[],
  options: PlanOptions,
): Promise<Plan> {
  const secrets = await secretFieldNames();
  const hits = new Map<number, number>(fleet.rules.map((rule) => [rule.number, 0]));
  const unread: UnreadInPlan[] = [];
  const perPbx = await Promise.all(
    pbxs.map(async ({ name, client }) => {
      try {
        // A filter's grammar is the server's: its matches are the ids the PBX lists for it.
        const filtered = new Map<number, Set<string>>();
        for (const rule of fleet.rules) {
          if (rule.match.kind !== 'filter') continue;
          const ids = new Set<string>();
          for await (const tenant of client.listTenants({ filter: rule.match.filter }))
            ids.add(String(tenant.id));
          filtered.set(rule.number, ids);
        }
        const matchers = fleet.rules.map((rule) => ({
          rule,
          test: matcherFor(rule.match, filtered.get(rule.number)),
        }));
        const matched: { id: string; name: string; rules: number[] }[] = [];
        const ambiguity = listAmbiguity(fleet);
        for await (const tenant of client.listTenants()) {
          const keys = { id: String(tenant.id), name: tenant.name, domain: tenant.domain };
          ambiguity.see(keys);
          const rules = matchers.filter(({ test }) => test(keys)).map(({ rule }) => rule.number);
          if (rules.length === 0) continue;
          for (const number of rules) hits.set(number, (hits.get(number) ?? 0) + 1);
          matched.push({ id: keys.id, name: String(tenant.name ?? keys.id), rules });
        }
        ambiguity.check(name);
        const planned: PlannedTenant[] = [];
        let read = 0;
        await runPool(
          matched,
          { limit: () => options.concurrency, notBefore: () => 0, stopped: () => false },
          async (entry) => {
            let answer: Awaited<ReturnType<typeof readTenant>>;
            try {
              answer = await readTenant(client, entry.id);
            } catch (error) {
              // One tenant that cannot be read never hides the drift of the others.
              if (isAuthFailure(error)) throw error;
              unread.push({ pbx: name, id: entry.id, name: entry.name, ...(await failureOf(error)) });
              return;
            } finally {
              read++;
              options.onRead?.(name, read, matched.length);
            }
            const { tenant, etag } = answer;
            if (!tenant) return; // deleted since it was listed: nothing to plan
            const changes = computeChanges(tenant, desiredFor(fleet, entry.rules));
            if (changes.length > 0) {
              planned.push({
                pbx: name,
                id: entry.id,
                name: entry.name,
                etag,
                rules: entry.rules,
                changes: toPlannedChanges(changes, secrets),
              });
            }
          },
        );
        // The list's order, whatever order the reads finished in.
        const order = new Map(matched.map((entry, i) => [entry.id, i]));
        planned.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
        return { matched: matched.length, planned };
      } catch (error) {
        if (isAuthFailure(error)) throw new PbxRefusedError(name, error as Error);
        if (error instanceof ExitError) throw error; // the fleet file's own mistake
        // A PBX whose list cannot be read: the others are planned all the same.
        unread.push({ pbx: name, ...(await failureOf(error)) });
        return { matched: 0, planned: [] };
      }
    }),
  );
  const unmatched = fleet.rules.filter((rule) => (hits.get(rule.number) ?? 0) === 0);
  // A rule may match on a PBX that could not be listed: only a complete listing proves it matches none.
  if (unmatched.length > 0 && !unread.some((failure) => failure.id === undefined)) {
    throw usageError(
      unmatched
        .map(
          (rule) => `${fleet.source}: rule ${rule.number} (${describeMatch(rule.match)}) matches no tenant`,
        )
        .join('\n'),
    );
  }
  return {
    format: 'tenantctl-fleet-plan/1',
    createdAt: new Date().toISOString(),
    fleet: { source: fleet.source, sha256: fleet.sha256 },
    pbx: pbxs.map(({ name, url }) => ({ name, url })),
    matched: perPbx.reduce((sum, one) => sum + one.matched, 0),
    tenants: perPbx.flatMap((one) => one.planned),
    ...(unread.length > 0 ? { unread: inListOrder(unread, pbxs) } : {}),
  };
}

/** Failures PBX by PBX as the fleet lists them, each PBX's by name then id (reads end in any order). */
function inListOrder(unread: UnreadInPlan[], pbxs: readonly { name: string }[]): UnreadInPlan[] {
  const at = new Map(pbxs.map(({ name }, i) => [name, i]));
  return [...unread].sort(
    (a, b) =>
      (at.get(a.pbx) ?? 0) - (at.get(b.pbx) ?? 0) ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      (a.id ?? '').localeCompare(b.id ?? ''),
  );
}

/** Why a read failed, in the client's words, and the exit code that failure means. */
async function failureOf(error: unknown): Promise<{ reason: string; exitCode: ExitCodeValue }> {
  const { explainError } = await import('../report-error.js');
  const [, exitCode] = explainError(error);
  return { reason: error instanceof Error ? error.message : String(error), exitCode };
}

/**
 * The exit code of a plan: a failure's when anything could not be read (the failures' own code when
 * they share one, e.g. 4 for PBXs that cannot be reached, else 1), else drift (5) when something
 * would change, else 0.
 */
export function planExitCode(plan: Pick<Plan, 'tenants' | 'unread'>): ExitCodeValue {
  const failures = plan.unread ?? [];
  if (failures.length > 0) {
    const [first] = failures;
    return failures.every((failure) => failure.exitCode === first?.exitCode)
      ? (first?.exitCode ?? ExitCode.refused)
      : ExitCode.refused;
  }
  return plan.tenants.length > 0 ? ExitCode.drift : ExitCode.ok;
}

/** A tenant by id with its ETag; no tenant when it was deleted in the meantime. */
async function readTenant(
  client: TenantClient,
  id: string,
): Promise<{ tenant: TenantDetails | undefined; etag: string | undefined }> {
  try {
    return await client.getTenantByIdWithETag(id);
  } catch (error) {
    if ((error as { kind?: unknown }).kind === 'not-found') return { tenant: undefined, etag: undefined };
    throw error;
  }
}

/**
 * A list match's item that is one tenant's id and another tenant's name would change both: a fleet
 * run writes, so it is refused (exit 2) naming both, as `--tenant` is; `id:X` or `name:X` says which.
 */
function listAmbiguity(fleet: Fleet) {
  /** Each item that may be either, with the rule it is in as messages name it. */
  const either = new Map<string, string>();
  for (const rule of fleet.rules) {
    if (rule.match.kind !== 'list') continue;
    for (const item of listReadings(rule.match.items).either)
      either.set(item, `${fleet.source}: rule ${rule.number} (${describeMatch(rule.match)})`);
  }
  const byId = new Map<string, string>();
  const byName = new Map<string, { id: string; name: string }[]>();
  return {
    see(tenant: { id: string; name: string | null | undefined }) {
      if (either.size === 0) return;
      const name = typeof tenant.name === 'string' ? tenant.name : '';
      if (either.has(tenant.id)) byId.set(tenant.id, name);
      if (either.has(name)) byName.set(name, [...(byName.get(name) ?? []), { id: tenant.id, name }]);
    },
    check(pbx: string) {
      for (const [item, rule] of either) {
        const idOf = byId.get(item);
        const named = (byName.get(item) ?? []).filter((tenant) => tenant.id !== item);
        if (idOf === undefined || named.length === 0) continue;
        throw usageError(
          `${rule}: "${item}" is the id of tenant "${idOf}" (${item}) and the name of ${named
            .map((tenant) => `"${tenant.name}" (${tenant.id})`)
            .join(', ')} on PBX "${pbx}": write id:${item} or name:${item} in the list`,
        );
      }
    },
  };
}
