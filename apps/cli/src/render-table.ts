// The tenant for people: one section per group of the spec, names aligned, values made readable and,
// on a terminal (or with COLUMNS), wrapped inside the value column so that the table stays a table.
import { type FieldInfo, fieldInfo, tenantFields } from '@tenantctl/schema/fields';
import type { Io } from './io.js';
import { valueLines, wrapLine } from './value-lines.js';

/** Narrower than this, wrapping would help no one: lines run on instead. */
const MIN_ROOM = 20;

export function renderTable(tenant: Record<string, unknown>, io: Io, showSecrets: boolean): string {
  const known = tenantFields().filter((field) => field.name in tenant);
  const extra = Object.keys(tenant).filter((name) => !fieldInfo(name));
  const rows: { group: string; name: string; info: FieldInfo | undefined }[] = [
    ...known.map((info) => ({ group: info.group, name: info.name, info })),
    ...extra.map((name) => ({ group: 'Other (not in the spec)', name, info: undefined })),
  ];
  const width = Math.max(...rows.map((row) => row.name.length));
  const indent = ' '.repeat(2 + width + 2);
  const room =
    io.columns !== undefined && io.columns - indent.length >= MIN_ROOM
      ? io.columns - indent.length
      : undefined;
  const groups = [...new Set(rows.map((row) => row.group))];
  const renderRow = (row: (typeof rows)[number]) => {
    const lines = valueLines(row.name, tenant[row.name], row.info, {
      showSecrets,
      ...(room === undefined ? {} : { room }),
    }).flatMap((line) => (room === undefined ? [line] : wrapLine(line, room)));
    const [first = '', ...more] = lines;
    return [
      `  ${row.name.padEnd(width)}  ${first === '—' ? io.color.dim(first) : first}`,
      ...more.map((line) => `${indent}${line}`),
    ].join('\n');
  };
  return groups
    .map((group) =>
      [io.color.bold(group), ...rows.filter((row) => row.group === group).map(renderRow)].join('\n'),
    )
    .join('\n\n');
}
