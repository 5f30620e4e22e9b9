// The journal of a fleet run: one file per run under the config folder (`fleet-runs/RUN.jsonl`, mode
// 0600), a JSON line per event, written as it happens, so that a run killed at any point leaves what it
// did: the values before and after for each tenant (secrets as "(secret)"), when an update was sent,
// and how each ended. `fleet apply --resume` finishes a run from it; `fleet undo` reads it back.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { usageError } from '../exit-error.js';

/** How a secret value reads in a journal, a plan and the output. */
export const SECRET = '(secret)';

interface RunStart {
  type: 'run';
  run: string;
  /** `apply`, or `undo` of another run. */
  kind: 'apply' | 'undo';
  startedAt: string;
  fleet?: { source: string; sha256: string };
  /** The run this one undoes. */
  undoes?: string;
  pbx: { name: string; url: string }[];
}

/** A tenant the run will change: from what (the ETag read), to what. */
export interface TenantEntry {
  type: 'tenant';
  pbx: string;
  id: string;
  name: string;
  etag: string | undefined;
  /** The rules of the fleet file that matched it (its secret values come from there). */
  rules?: number[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export type Outcome = 'applied' | 'failed' | 'skipped';

type JournalEvent =
  | RunStart
  | TenantEntry
  | { type: 'sending'; pbx: string; id: string; at: string }
  | { type: Outcome; pbx: string; id: string; at: string; etag?: string; reason?: string }
  | { type: 'end'; at: string; interrupted: boolean };

export function runsFolder(configFile: string): string {
  return join(dirname(configFile), 'fleet-runs');
}

/** A new run's id: when it started, and a few random letters so that two at once never collide. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Refuses what cannot be a run id (a path, say) before it names a file: exit 2. */
export function checkRunId(run: string): void {
  if (!/^[\w-]+$/.test(run))
    throw usageError(`"${run}" is not a run id (tenantctl fleet history lists them)`);
}

export interface JournalWriter {
  readonly run: string;
  readonly path: string;
  write(event: JournalEvent): void;
  close(): void;
}

/**
 * Ends a last line that a crash cut short (a full disk, a power cut), so that what is appended next
 * starts a line of its own: the torn line stays behind as one the reader skips, never glued to the next
 * event (which would make both unreadable).
 */
function terminateTornLine(fd: number): void {
  const { size } = fstatSync(fd);
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] !== 0x0a) writeSync(fd, '\n');
}

/**
 * Opens a run's journal for appending. Each event is one write of one line, which the kernel keeps
 * whatever happens to this process afterwards (SIGKILL included).
 */
export function openJournal(configFile: string, run: string): JournalWriter {
  const folder = runsFolder(configFile);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `${run}.jsonl`);
  const fd = openSync(path, 'a+', 0o600);
  terminateTornLine(fd);
  let open = true;
  return {
    run,
    path,
    write(event) {
      if (open) writeSync(fd, `${JSON.stringify(event)}\n`);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}

/** Where a tenant of a run stands, from its events. */
export interface TenantState {
  entry: TenantEntry;
  sent: boolean;
  outcome?: Outcome;
  reason?: string;
  /** The ETag its update left. */
  etag?: string;
}

export interface JournalRead {
  start: RunStart;
  tenants: Map<string, TenantState>;
  ended: boolean;
  interrupted: boolean;
}

const tenantKey = (pbx: string, id: string) => `${pbx}\u0000${id}`;

/**
 * Reads a run's journal. A line that cannot be read (one a crash cut short) is skipped, and what follows
 * it still counts: a resumed run appends after it. A tenant's first outcome stands: a later process
 * can never turn "applied" into something else.
 */
export async function readJournal(configFile: string, run: string): Promise<JournalRead> {
  checkRunId(run);
  let text: string;
  try {
    text = await readFile(join(runsFolder(configFile), `${run}.jsonl`), 'utf8');
  } catch {
    throw usageError(`no fleet run "${run}" (tenantctl fleet history lists them)`);
  }
  const events: JournalEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as JournalEvent);
    } catch {
      // the line a killed process was writing: the events after it are a resumed run's
    }
  }
  const [start] = events;
  if (start?.type !== 'run') throw usageError(`the journal of run "${run}" does not start with its run`);
  const tenants = new Map<string, TenantState>();
  let ended = false;
  let interrupted = false;
  for (const event of events) {
    if (event.type === 'tenant') tenants.set(tenantKey(event.pbx, event.id), { entry: event, sent: false });
    else if (event.type === 'sending') {
      const state = tenants.get(tenantKey(event.pbx, event.id));
      if (state) state.sent = true;
    } else if (event.type === 'applied' || event.type === 'failed' || event.type === 'skipped') {
      const state = tenants.get(tenantKey(event.pbx, event.id));
      if (state && state.outcome === undefined) {
        state.outcome = event.type;
        if (event.reason !== undefined) state.reason = event.reason;
        if (event.etag !== undefined) state.etag = event.etag;
      }
    } else if (event.type === 'end') {
      ended = true;
      interrupted = event.interrupted;
    }
  }
  return { start, tenants, ended, interrupted };
}

export interface RunSummary {
  run: string;
  kind: 'apply' | 'undo';
  startedAt: string;
  undoes?: string;
  tenants: number;
  applied: number;
  failed: number;
  skipped: number;
  /** Neither ended nor still running: killed, or running now. */
  finished: boolean;
}

/** Every run of this config, in the order they started. */
export async function listRuns(configFile: string): Promise<RunSummary[]> {
  let names: string[];
  try {
    names = (await readdir(runsFolder(configFile))).filter((name) => name.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const runs: RunSummary[] = [];
  for (const name of names) {
    const run = name.slice(0, -'.jsonl'.length);
    try {
      const read = await readJournal(configFile, run);
      const states = [...read.tenants.values()];
      const count = (outcome: Outcome) => states.filter((state) => state.outcome === outcome).length;
      runs.push({
        run,
        kind: read.start.kind,
        startedAt: read.start.startedAt,
        ...(read.start.undoes ? { undoes: read.start.undoes } : {}),
        tenants: states.length,
        applied: count('applied'),
        failed: count('failed'),
        skipped: count('skipped'),
        finished: read.ended && !read.interrupted,
      });
    } catch {
      // a journal that cannot be read is not a run to list
    }
  }
  return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.run.localeCompare(b.run));
}
