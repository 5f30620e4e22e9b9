// The tenant for people: one section per group of the spec, names aligned, values made readable.
import { type FieldInfo, fieldInfo, tenantFields } from '@tenantctl/schema/fields';
import { formatValue } from './format-value.js';
import type { Io } from './io.js';

export function renderTable(tenant: Record<string, unknown>, io: Io, showSecrets: boolean): string {
  const known = tenantFields().filter((field) => field.name in tenant);
  const extra = Object.keys(tenant).filter((name) => !fieldInfo(name));
  const rows: { group: string; name: string; info: FieldInfo | undefined }[] = [
    ...known.map((info) => ({ group: info.group, name: info.name, info })),
    ...extra.map((name) => ({ group: 'Other (not in the spec)', name, info: undefined })),
  ];
  const width = Math.max(...rows.map((row) => row.name.length));
  const groups = [...new Set(rows.map((row) => row.group))];
  return groups
    .map((group) =>
      [
        io.color.bold(group),
        ...rows
          .filter((row) => row.group === group)
          .map((row) => {
            const text = formatValue(tenant[row.name], row.info, { showSecrets });
            return `  ${row.name.padEnd(width)}  ${text === '—' ? io.color.dim(text) : text}`;
          }),
      ].join('\n'),
    )
    .join('\n\n');
}
