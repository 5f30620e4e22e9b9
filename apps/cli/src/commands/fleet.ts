// `tenantctl fleet plan|apply|history|undo`: one baseline over many tenants and PBXs. `plan` shows
// what would change and can save it; `apply` changes exactly that (If-Match on the ETag read), a few
// at a time per PBX, journaling each step so that a run can be resumed or undone.
import type { TenantClient } from '@tenantctl/client';
import type { CommandDeps } from '../command-deps.js';
import { configPath } from '../config-file.js';
import type { ConnectionFlags } from '../connection.js';
import { ExitCode, type ExitCodeValue, ExitError, usageError } from '../exit-error.js';
import {
  executeTasks,
  type FleetTask,
  newPace,
  type Pace,
  slowDown,
  type TaskResult,
} from '../fleet/execute.js';
import { type Fleet, readFleetFile } from '../fleet/fleet-file.js';
import {
  listRuns,
  newRunId,
  openJournal,
  readJournal,
  SECRET,
  type TenantEntry,
  type TenantState,
} from '../fleet/journal.js';
import {
  connectFleet,
  desiredFor,
  flagsFor,
  PbxRefusedError,
  type Plan,
  planExitCode,
  planFleet,
} from '../fleet/plan.js';
import { readPlan, writePlan } from '../fleet/plan-file.js';
import { createProgress, renderPlan, renderResults, resultTotals, unreadLines } from '../fleet/report.js';
import { lockRun } from '../fleet/run-lock.js';
import type {
  FleetApplyOptions,
  FleetHistoryOptions,
  FleetPlanOptions,
  FleetUndoOptions,
} from '../program.js';

const DEFAULT_CONCURRENCY = 4;

/** `--concurrency N`: requests in flight per PBX, 1 to 64. */
export function concurrencyOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONCURRENCY;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 64)
    throw usageError('--concurrency takes a whole number from 1 to 64');
  return value;
}

/** A PBX that refused the sign-in (or the token): exit 3, nothing of it touched. */
function refused(error: PbxRefusedError): ExitError {
  return new ExitError(
    ExitCode.auth,
    `${error.message}; nothing was changed (sign in again: tenantctl auth login${error.pbx === 'default' ? '' : ` --profile ${error.pbx}`})`,
  );
}

export async function plan(options: FleetPlanOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const fleet = await readFleetFile(options.file, deps);
  const concurrency = concurrencyOf(options.concurrency);
  let made: Plan;
  try {
    made = await planFleet(fleet, await connectFleet(fleet, options, deps), { concurrency });
  } catch (error) {
    if (error instanceof PbxRefusedError) throw refused(error);
    throw error;
  }
  if (options.out) await writePlan(options.out, made);
  deps.io.out(options.output === 'json' ? JSON.stringify(made, null, 2) : renderPlan(made, deps.io));
  for (const line of unreadLines(made)) deps.io.err(line);
  if (options.out)
    deps.io.err(`Saved the plan to ${options.out}: tenantctl fleet apply --plan ${options.out}`);
  return planExitCode(made);
}

/** The values a journal may hold: a secret field's value as "(secret)". */
function journalSafe(
  changes: Plan['tenants'][number]['changes'],
  side: 'from' | 'to',
): Record<string, unknown> {
  return Object.fromEntries(
    changes.map((change) => [change.field, change.secret ? SECRET : (change[side] ?? null)]),
  );
}

/** The fleet file a plan or a journal needs for the values of its secret fields: the same one. */
async function fleetForSecrets(
  options: { file?: string },
  made: { source: string; sha256: string } | undefined,
  needed: boolean,
  deps: CommandDeps,
): Promise<Fleet | undefined> {
  if (!needed) return undefined;
  if (!options.file || !made) {
    throw usageError(
      'this run sets secret fields, which a plan and a journal never hold: give the fleet file it was made from with -f FLEET',
    );
  }
  const fleet = await readFleetFile(options.file, deps);
  if (fleet.sha256 !== made.sha256) {
    throw usageError(
      `${fleet.source} is not the fleet file the run was made from (${made.source}, changed since?): plan again`,
    );
  }
  return fleet;
}

/** A task per tenant of the plan: the journal's before and after, and what to send. */
function tasksOfPlan(made: Plan, fleet: Fleet | undefined): FleetTask[] {
  return made.tenants.map((tenant) => {
    const desired = fleet ? desiredFor(fleet, tenant.rules) : {};
    const patch = Object.fromEntries(
      tenant.changes.map((change) => [change.field, change.secret ? desired[change.field] : change.to]),
    );
    const entry: TenantEntry = {
      type: 'tenant',
      pbx: tenant.pbx,
      id: tenant.id,
      name: tenant.name,
      etag: tenant.etag,
      rules: tenant.rules,
      before: journalSafe(tenant.changes, 'from'),
      after: journalSafe(tenant.changes, 'to'),
    };
    return { entry, patch };
  });
}

/** Clients for the PBXs of a plan or a run, each checked to be the server it names. */
async function clientsFor(
  pbxs: readonly { name: string; url: string }[],
  base: ConnectionFlags,
  deps: CommandDeps,
  paces: Map<string, Pace>,
): Promise<Map<string, TenantClient>> {
  const { namesCacheOf } = await import('../tenant-target.js');
  const clients = new Map<string, TenantClient>();
  for (const { name, url } of pbxs) {
    const flags = flagsFor(base, name === 'default' ? undefined : name);
    const now = (await namesCacheOf(flags, deps))?.url;
    if (url && now && now !== url) {
      throw usageError(`PBX "${name}" was ${url} when planned, and is ${now} now: plan again`);
    }
    const pace = paces.get(name) ?? newPace(DEFAULT_CONCURRENCY);
    clients.set(
      name,
      await deps.connect(flags, {
        retries: 5,
        // A 429 or a 503 slows that PBX down: fewer at a time, nothing new before the wait.
        onRetry: (event) => {
          if (event.reason === 429 || event.reason === 503) slowDown(pace, event.delayMs);
        },
      }),
    );
  }
  return clients;
}

/** Asks before a run that was not planned and saved first; without a terminal, --yes says yes. */
async function confirm(changing: number, options: { yes?: boolean }, deps: CommandDeps): Promise<boolean> {
  if (options.yes) return true;
  if (!deps.io.prompter)
    throw usageError('there is no terminal to ask on: pass --yes to apply without asking');
  const answer = await deps.io.prompter.ask(`Apply these changes to ${changing} tenant(s)? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

/** Stops starting new updates on Ctrl-C (what is in flight finishes); undoes itself when done. */
function onInterrupt(stop: () => void): () => void {
  const handler = () => stop();
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

interface RunSetup {
  kind: 'apply' | 'undo';
  tasks: FleetTask[];
  pbx: { name: string; url: string }[];
  fleet?: { source: string; sha256: string };
  undoes?: string;
  /** An existing run to finish (resume), instead of a new one: the caller holds its lock. */
  resume?: string;
}

/** Runs the tasks under a journal, with progress; the exit code says how it went. */
async function run(
  setup: RunSetup,
  options: { concurrency?: string; output: 'table' | 'json' } & ConnectionFlags,
  deps: CommandDeps,
): Promise<ExitCodeValue> {
  const runId = setup.resume ?? newRunId();
  const lock = setup.resume ? undefined : lockRun(configPath(deps.io.env), runId, 'applied');
  try {
    return await runLocked(runId, setup, options, deps);
  } finally {
    lock?.release();
  }
}

async function runLocked(
  runId: string,
  setup: RunSetup,
  options: { concurrency?: string; output: 'table' | 'json' } & ConnectionFlags,
  deps: CommandDeps,
): Promise<ExitCodeValue> {
  const { io } = deps;
  const concurrency = concurrencyOf(options.concurrency);
  const paces = new Map(setup.pbx.map(({ name }) => [name, newPace(concurrency)]));
  const clients = await clientsFor(setup.pbx, options, deps, paces);
  const journal = openJournal(configPath(io.env), runId);
  if (!setup.resume) {
    journal.write({
      type: 'run',
      run: runId,
      kind: setup.kind,
      startedAt: new Date().toISOString(),
      ...(setup.fleet ? { fleet: setup.fleet } : {}),
      ...(setup.undoes ? { undoes: setup.undoes } : {}),
      pbx: setup.pbx,
    });
    for (const task of setup.tasks) journal.write(task.entry);
  }
  io.err(`Run ${runId}: ${setup.tasks.length} tenant(s); journal ${journal.path}`);
  let stopping = false;
  const dispose = onInterrupt(() => {
    if (!stopping) io.err('Stopping: no new update is sent; waiting for those in flight…');
    stopping = true;
  });
  const progress = createProgress(io, setup.tasks.length);
  let results: TaskResult[];
  try {
    results = await executeTasks(setup.tasks, {
      clients,
      paces,
      journal,
      stopped: () => stopping,
      onResult: (result) => progress.result(result),
    });
  } finally {
    progress.finish();
    dispose();
    journal.write({ type: 'end', at: new Date().toISOString(), interrupted: stopping });
    journal.close();
  }
  // In the plan's order (PBX by PBX, each in list order), whatever order they finished in.
  const order = new Map(setup.tasks.map((task, i) => [`${task.entry.pbx}\u0000${task.entry.id}`, i]));
  const at = (result: TaskResult) => order.get(`${result.pbx}\u0000${result.id}`) ?? 0;
  results.sort((a, b) => at(a) - at(b));
  if (options.output === 'json') {
    io.out(
      JSON.stringify(
        {
          run: runId,
          journal: journal.path,
          interrupted: stopping,
          totals: resultTotals(results, setup.tasks.length),
          tenants: results,
        },
        null,
        2,
      ),
    );
  } else if (results.length > 0) {
    io.out(renderResults(results, io));
  }
  io.err(resultTotals(results, setup.tasks.length));
  if (stopping) {
    io.err(`Interrupted: finish it with tenantctl fleet apply --resume ${runId}`);
    return ExitCode.interrupted;
  }
  const refusedPbx = [...paces].filter(([, pace]) => pace.refused).map(([name]) => name);
  if (refusedPbx.length > 0) {
    io.err(
      `PBX ${refusedPbx.join(', ')} refused the sign-in: nothing more was sent there (tenantctl auth login)`,
    );
    return ExitCode.auth;
  }
  return results.every((result) => result.outcome === 'applied') ? ExitCode.ok : ExitCode.refused;
}

export async function apply(options: FleetApplyOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  if (options.resume !== undefined) return resume(options.resume, options, deps);
  if (options.plan !== undefined) {
    const made = await readPlan(options.plan);
    const fleet = await fleetForSecrets(
      options,
      made.fleet,
      made.tenants.some((t) => t.changes.some((c) => c.secret)),
      deps,
    );
    if (made.tenants.length === 0) {
      deps.io.err('The plan changes nothing.');
      return ExitCode.ok;
    }
    return run(
      { kind: 'apply', tasks: tasksOfPlan(made, fleet), pbx: made.pbx, fleet: made.fleet },
      options,
      deps,
    );
  }
  if (options.file === undefined)
    throw usageError(
      'give the fleet file (-f FLEET), a saved plan (--plan PLAN) or a run to finish (--resume RUN)',
    );
  const fleet = await readFleetFile(options.file, deps);
  let made: Plan;
  try {
    made = await planFleet(fleet, await connectFleet(fleet, options, deps), {
      concurrency: concurrencyOf(options.concurrency),
    });
  } catch (error) {
    if (error instanceof PbxRefusedError) throw refused(error);
    throw error;
  }
  deps.io.err(renderPlan(made, deps.io));
  for (const line of unreadLines(made)) deps.io.err(line);
  // What could not be read is not changed; the run still ends with the failure's code.
  const unreadCode = made.unread ? planExitCode({ tenants: [], unread: made.unread }) : ExitCode.ok;
  if (made.tenants.length === 0) return unreadCode;
  if (!(await confirm(made.tenants.length, options, deps))) {
    deps.io.err('Nothing was changed.');
    return unreadCode;
  }
  const code = await run(
    { kind: 'apply', tasks: tasksOfPlan(made, fleet), pbx: made.pbx, fleet: made.fleet },
    options,
    deps,
  );
  return code === ExitCode.ok ? unreadCode : code;
}

/** `fleet apply --resume RUN`: the tenants the run did not finish; one sent but not confirmed is read first. */
async function resume(runId: string, options: FleetApplyOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  // Held before the journal is read: what another process is doing to the run is never read half-done.
  const lock = lockRun(configPath(deps.io.env), runId, 'applied');
  try {
    return await resumeLocked(runId, options, deps);
  } finally {
    lock.release();
  }
}

async function resumeLocked(
  runId: string,
  options: FleetApplyOptions,
  deps: CommandDeps,
): Promise<ExitCodeValue> {
  const read = await readJournal(configPath(deps.io.env), runId);
  if (read.ended && !read.interrupted) throw usageError(`run ${runId} finished: nothing to resume`);
  const open = [...read.tenants.values()].filter((state) => state.outcome === undefined);
  const needsSecrets = open.some((state) => Object.values(state.entry.after).includes(SECRET));
  const fleet = await fleetForSecrets(options, read.start.fleet, needsSecrets, deps);
  const tasks = open.map((state): FleetTask => {
    const desired = fleet && state.entry.rules ? desiredFor(fleet, state.entry.rules) : {};
    const patch = Object.fromEntries(
      Object.entries(state.entry.after).map(([field, value]) => [
        field,
        value === SECRET ? desired[field] : value,
      ]),
    );
    return { entry: state.entry, patch, sentBefore: state.sent };
  });
  if (tasks.length === 0) {
    deps.io.err(`Run ${runId}: every tenant already has an outcome.`);
    return ExitCode.ok;
  }
  return run({ kind: read.start.kind, tasks, pbx: read.start.pbx, resume: runId }, options, deps);
}

/** `fleet undo RUN`: the values before, for the tenants the run changed, on the ETag it left. */
export async function undo(options: FleetUndoOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  // The run undone is held too: not undone twice at once, nor undone while it is still being applied.
  const lock = lockRun(configPath(deps.io.env), options.run, 'undone');
  try {
    return await undoLocked(options, deps);
  } finally {
    lock.release();
  }
}

async function undoLocked(options: FleetUndoOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const read = await readJournal(configPath(deps.io.env), options.run);
  const applied = [...read.tenants.values()].filter(
    (state): state is TenantState & { etag: string } => state.outcome === 'applied',
  );
  const tasks: FleetTask[] = [];
  for (const state of applied) {
    const fields = Object.entries(state.entry.before);
    const secrets = fields.filter(([, value]) => value === SECRET).map(([field]) => field);
    const blanks = fields.filter(([, value]) => value === null).map(([field]) => field);
    const who = `tenant "${state.entry.name}" (${state.entry.id})`;
    if (secrets.length > 0) {
      deps.io.err(`${who}: ${secrets.join(', ')} cannot be restored: a secret's value is never journaled`);
    }
    if (blanks.length > 0) {
      deps.io.err(
        `${who}: ${blanks.join(', ')} cannot be restored: it was blank, and an update cannot blank a field`,
      );
    }
    const restore = Object.fromEntries(fields.filter(([, value]) => value !== SECRET && value !== null));
    if (Object.keys(restore).length === 0) continue;
    const after = Object.fromEntries(
      Object.keys(restore).map((field) => [field, state.entry.after[field] ?? null]),
    );
    tasks.push({
      entry: {
        type: 'tenant',
        pbx: state.entry.pbx,
        id: state.entry.id,
        name: state.entry.name,
        etag: state.etag,
        before: after,
        after: restore,
      },
      patch: restore,
    });
  }
  if (tasks.length === 0) {
    deps.io.err(`Run ${options.run} changed nothing that can be put back.`);
    return ExitCode.ok;
  }
  if (!(await confirm(tasks.length, options, deps))) {
    deps.io.err('Nothing was changed.');
    return ExitCode.ok;
  }
  return run({ kind: 'undo', tasks, pbx: read.start.pbx, undoes: options.run }, options, deps);
}

export async function history(options: FleetHistoryOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const runs = await listRuns(configPath(deps.io.env));
  if (options.output === 'json') {
    deps.io.out(JSON.stringify(runs, null, 2));
    return ExitCode.ok;
  }
  if (runs.length === 0) {
    deps.io.err('No fleet run yet.');
    return ExitCode.ok;
  }
  for (const r of runs) {
    const what = r.kind === 'undo' ? `undo of ${r.undoes}` : 'apply';
    const state = r.finished ? '' : ` — interrupted: tenantctl fleet apply --resume ${r.run}`;
    deps.io.out(
      `${r.run}  ${r.startedAt}  ${what}: ${r.applied} applied, ${r.skipped} skipped, ${r.failed} failed of ${r.tenants}${state}`,
    );
  }
  return ExitCode.ok;
}
