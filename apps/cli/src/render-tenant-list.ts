// The tenant list for people: one row per tenant, the summary's fields as columns in the spec's order,
// as many as fit the terminal (those every row leaves blank left out), the last one shortened to fit.
import { fieldInfo, tenantSummaryFieldNames } from '@tenantctl/schema/fields';
import { formatValue } from './format-value.js';
import type { Io } from './io.js';

const GAP = '  ';
/** A column kept narrower than this says nothing: it is left out instead. */
const MIN_COLUMN = 6;

/** A cell's text on one line (a value with a line break shows its first line). */
function cell(value: unknown, name: string): string {
  return formatValue(value, fieldInfo(name), { showSecrets: false }).split('\n')[0] ?? '';
}

function shorten(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

export function renderTenantList(
  tenants: readonly Record<string, unknown>[],
  io: Pick<Io, 'columns' | 'color'>,
) {
  const names = tenantSummaryFieldNames().filter((name) =>
    tenants.some((tenant) => tenant[name] !== null && tenant[name] !== undefined),
  );
  const columns = names.map((name) => {
    const cells = tenants.map((tenant) => cell(tenant[name], name));
    return { name, cells, width: Math.max(name.length, ...cells.map((text) => [...text].length)) };
  });
  // As many columns as fit, in the spec's order (id and name first); the last may be shortened.
  const room = io.columns;
  const shown: typeof columns = [];
  let used = 0;
  for (const column of columns) {
    const needed = (shown.length > 0 ? GAP.length : 0) + column.width;
    if (room !== undefined && used + needed > room) {
      const left = room - used - (shown.length > 0 ? GAP.length : 0);
      if (left >= MIN_COLUMN) shown.push({ ...column, width: left });
      break;
    }
    shown.push(column);
    used += needed;
  }
  const line = (texts: string[]) =>
    texts
      .map((text, i) =>
        shorten(text, shown[i]?.width ?? 0).padEnd(i === texts.length - 1 ? 0 : (shown[i]?.width ?? 0)),
      )
      .join(GAP);
  return [
    io.color.bold(line(shown.map((column) => column.name.toUpperCase()))),
    ...tenants.map((_, row) => line(shown.map((column) => column.cells[row] ?? ''))),
  ].join('\n');
}
