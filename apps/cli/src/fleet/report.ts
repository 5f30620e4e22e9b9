// What a fleet plan and a fleet run print: per tenant the changes (`~ field old → new`, secrets as
// "(secret)"), the totals, progress while a run goes (one line redrawn on a terminal, a line per tenant
// elsewhere) and the final table.
import { fieldInfo } from '@tenantctl/schema/fields';
import { formatValue } from '../format-value.js';
import type { Io } from '../io.js';
import type { TaskResult } from './execute.js';
import { SECRET } from './journal.js';
import type { Plan, PlannedChange } from './plan.js';

const showValue = (field: string, value: unknown) =>
  value === SECRET ? SECRET : formatValue(value, fieldInfo(field), { showSecrets: false });

/** One line per change, the fields aligned. */
export function changeLines(changes: readonly PlannedChange[], io: Pick<Io, 'color'>): string[] {
  const width = Math.max(0, ...changes.map((change) => change.field.length));
  return changes.map(({ field, from, to, secret }) =>
    secret
      ? `  ${io.color.yellow('~')} ${field.padEnd(width)}  ${SECRET}`
      : `  ${io.color.yellow('~')} ${field.padEnd(width)}  ${io.color.red(showValue(field, from))} → ${io.color.green(showValue(field, to))}`,
  );
}

export function planTotals(plan: Plan): string {
  const changing = plan.tenants.length;
  const unread = plan.unread ?? [];
  const tenantsUnread = unread.filter((failure) => failure.id !== undefined).length;
  const pbxUnread = unread.length - tenantsUnread;
  const known = plan.matched - changing - tenantsUnread;
  return [
    `${changing} of ${plan.matched} tenant(s) would change, ${known} already match`,
    ...(tenantsUnread > 0 ? [`${tenantsUnread} could not be read`] : []),
    ...(pbxUnread > 0 ? [`${pbxUnread} PBX(s) could not be listed`] : []),
  ].join(', ');
}

/** One line per tenant or PBX the plan could not read, and why: its drift is unknown. */
export function unreadLines(plan: Pick<Plan, 'unread'>): string[] {
  return (plan.unread ?? []).map((failure) =>
    failure.id === undefined
      ? `could not list the tenants of PBX "${failure.pbx}": ${failure.reason}`
      : `could not read tenant "${failure.name}" (${failure.id}) on PBX "${failure.pbx}": ${failure.reason}`,
  );
}

/** The plan for people: each tenant that would change with its changes, then the totals. */
export function renderPlan(plan: Plan, io: Pick<Io, 'color'>): string {
  const several = plan.pbx.length > 1;
  const blocks = plan.tenants.map((tenant) =>
    [
      `${io.color.bold(`tenant "${tenant.name}"`)} (${tenant.id})${several ? ` on ${tenant.pbx}` : ''}`,
      ...changeLines(tenant.changes, io),
    ].join('\n'),
  );
  return [...blocks, planTotals(plan)].join('\n');
}

export interface Progress {
  result(result: TaskResult): void;
  finish(): void;
}

const bar = (done: number, total: number, width = 24) => {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};

/** Progress of a run of `total` tenants. */
export function createProgress(
  io: Pick<Io, 'err' | 'status'>,
  total: number,
  now = () => Date.now(),
): Progress {
  const started = now();
  let done = 0;
  let failed = 0;
  const draw = () => {
    const seconds = Math.max(0.001, (now() - started) / 1000);
    const rate = done / seconds;
    const left = total - done;
    const eta = rate > 0 ? `~${Math.ceil(left / rate)} s left` : '';
    io.status?.(
      `${bar(done, total)} ${done}/${total} done, ${failed} failed or skipped, ${left} left · ${rate.toFixed(1)}/s ${eta}`.trimEnd(),
    );
  };
  if (io.status) draw();
  return {
    result(result) {
      done++;
      if (result.outcome !== 'applied') failed++;
      if (io.status) draw();
      else
        io.err(
          `${result.outcome.padEnd(7)}  ${result.name} (${result.id}) on ${result.pbx}${result.reason ? `: ${result.reason}` : ''}`,
        );
    },
    finish() {
      io.status?.(undefined);
    },
  };
}

/** The final table: a row per tenant, its outcome and why. */
export function renderResults(results: readonly TaskResult[], io: Pick<Io, 'color'>): string {
  const rows = results.map((r) => [r.name, r.id, r.pbx, r.outcome, r.reason ?? '']);
  const header = ['TENANT', 'ID', 'PBX', 'OUTCOME', 'REASON'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [io.color.bold(line(header)), ...rows.map(line)].join('\n');
}

export function resultTotals(results: readonly TaskResult[], total: number): string {
  const count = (outcome: TaskResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const notRun = total - results.length;
  return `${count('applied')} applied, ${count('skipped')} skipped, ${count('failed')} failed${notRun > 0 ? `, ${notRun} not started` : ''} (of ${total})`;
}
