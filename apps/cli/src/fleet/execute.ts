// Sends a fleet run's updates: per PBX a few at a time (`--concurrency`), each with the ETag it was
// planned from (If-Match), so a tenant changed since is reported, not overwritten. A PBX that answers
// 429 or 503 gets fewer at a time and nothing new before its Retry-After (the client waits that time
// and retries); a failure of one tenant never stops the others; a stop (Ctrl-C) starts nothing more
// and lets what is in flight finish. Every step goes to the run's journal before and after it happens.
import type { TenantClient } from '@tenantctl/client';
import { sameValue } from '@tenantctl/schema/fields';
import { type JournalWriter, type Outcome, SECRET, type TenantEntry } from './journal.js';
import { runPool } from './pool.js';

export interface FleetTask {
  entry: TenantEntry;
  /** What to send: every field's real value, secrets included (never journaled). */
  patch: Record<string, unknown>;
  /** The update was sent before the run was interrupted: whether it landed is read first. */
  sentBefore?: boolean;
}

export interface TaskResult {
  pbx: string;
  id: string;
  name: string;
  outcome: Outcome;
  reason?: string;
}

/** Error kinds that mean the PBX refused the credential: nothing more is sent to it. */
const refusals = new Set(['auth', 'sign-in', 'forbidden']);

/** How fast one PBX is sent to: lowered and paused by its 429s and 503s, ended by a refused sign-in. */
export interface Pace {
  limit: number;
  notBefore: number;
  /** The PBX refused the sign-in or the token: nothing more is started there. */
  refused: boolean;
}

export function newPace(concurrency: number): Pace {
  return { limit: concurrency, notBefore: 0, refused: false };
}

/** A 429 or a 503 with its wait: fewer at a time (half, at least one), nothing new before the wait. */
export function slowDown(pace: Pace, delayMs: number, now = Date.now()): void {
  pace.limit = Math.max(1, Math.floor(pace.limit / 2));
  pace.notBefore = Math.max(pace.notBefore, now + delayMs);
}

export interface ExecuteOptions {
  clients: ReadonlyMap<string, TenantClient>;
  paces: ReadonlyMap<string, Pace>;
  journal: JournalWriter;
  stopped: () => boolean;
  onStart?: (task: FleetTask) => void;
  onResult?: (result: TaskResult) => void;
}

const now = () => new Date().toISOString();

/** Whether the tenant now holds what the update would set (secrets cannot be compared). */
function holds(tenant: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return Object.entries(after).every(
    ([field, value]) => value === SECRET || sameValue(tenant[field] ?? null, value),
  );
}

type Ran = Omit<TaskResult, 'pbx' | 'id' | 'name'> & { etag?: string; refused?: true };

/** A failure as a result: the PBX refusing the credential is said so, and marked. */
function failed(error: unknown): Ran {
  const kind = String((error as { kind?: unknown }).kind);
  if (refusals.has(kind))
    return {
      outcome: 'failed',
      reason: `the PBX refused the sign-in: ${(error as Error).message}`,
      refused: true,
    };
  return { outcome: 'failed', reason: (error as Error).message };
}

async function runTask(task: FleetTask, client: TenantClient, journal: JournalWriter): Promise<Ran> {
  const { entry } = task;
  const { checkTenantUpdate } = await import('@tenantctl/client');
  if (task.sentBefore) {
    // It may have landed before the run was interrupted: sent twice it would fail with 412 at best.
    try {
      const { tenant, etag } = await client.getTenantByIdWithETag(entry.id);
      if (etag !== entry.etag) {
        if (holds(tenant, entry.after))
          return { outcome: 'applied', ...(etag ? { etag } : {}), reason: 'landed before the interruption' };
        return { outcome: 'skipped', reason: 'changed since planned: run plan again' };
      }
    } catch (error) {
      if ((error as { kind?: unknown }).kind === 'not-found')
        return { outcome: 'skipped', reason: 'deleted since planned' };
      return failed(error);
    }
  }
  journal.write({ type: 'sending', pbx: entry.pbx, id: entry.id, at: now() });
  try {
    const patch = await checkTenantUpdate(task.patch, 'TenantAdminUpdate');
    const { etag } = await client.updateTenantById(
      entry.id,
      patch,
      entry.etag ? { ifMatch: entry.etag } : {},
    );
    return { outcome: 'applied', ...(etag ? { etag } : {}) };
  } catch (error) {
    const kind = (error as { kind?: unknown }).kind;
    if (kind === 'conflict') return { outcome: 'skipped', reason: 'changed since planned: run plan again' };
    if (kind === 'not-found') return { outcome: 'skipped', reason: 'deleted since planned' };
    return failed(error);
  }
}

/** Runs every task; resolves with the results of those that ran (not those a stop left unstarted). */
export async function executeTasks(
  tasks: readonly FleetTask[],
  options: ExecuteOptions,
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  const byPbx = new Map<string, FleetTask[]>();
  for (const task of tasks) byPbx.set(task.entry.pbx, [...(byPbx.get(task.entry.pbx) ?? []), task]);
  await Promise.all(
    [...byPbx].map(async ([pbx, own]) => {
      const client = options.clients.get(pbx);
      const pace = options.paces.get(pbx);
      if (!client || !pace) throw new Error(`no connection to PBX "${pbx}"`);
      await runPool(
        own,
        {
          limit: () => pace.limit,
          notBefore: () => pace.notBefore,
          stopped: () => options.stopped() || pace.refused,
        },
        async (task) => {
          options.onStart?.(task);
          const { entry } = task;
          const ran = await runTask(task, client, options.journal);
          if (ran.refused) pace.refused = true;
          options.journal.write({
            type: ran.outcome,
            pbx: entry.pbx,
            id: entry.id,
            at: now(),
            ...(ran.etag ? { etag: ran.etag } : {}),
            ...(ran.reason ? { reason: ran.reason } : {}),
          });
          const result: TaskResult = {
            pbx: entry.pbx,
            id: entry.id,
            name: entry.name,
            outcome: ran.outcome,
            ...(ran.reason && ran.outcome !== 'applied' ? { reason: ran.reason } : {}),
          };
          results.push(result);
          options.onResult?.(result);
        },
      );
    }),
  );
  return results;
}
