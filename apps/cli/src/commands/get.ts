import { type FieldInfo, fieldInfo, tenantFields } from '@tenantctl/schema/fields';
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import { bareValue, formatValue } from '../format-value.js';
import type { Io } from '../io.js';
import { loadYaml } from '../load-yaml.js';
import type { GetOptions } from '../program.js';
import { suggestField } from '../suggest-field.js';

/** People's view: one section per group of the spec, names aligned, values made readable. */
function renderTable(tenant: Record<string, unknown>, io: Io, showSecrets: boolean): string {
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

export async function run(options: GetOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const wanted = options.field ?? [];
  const client = await deps.connect(options);
  const tenant = await client.getTenant();
  for (const name of wanted) {
    if (!(name in tenant) && !fieldInfo(name))
      throw usageError(`unknown field "${name}"${suggestField(name)}`);
  }
  const selected =
    wanted.length > 0 ? Object.fromEntries(wanted.map((name) => [name, tenant[name] ?? null])) : tenant;
  if (wanted.length === 1 && options.output === 'table') {
    io.out(bareValue(selected[wanted[0] ?? '']));
  } else if (options.output === 'json') {
    io.out(JSON.stringify(selected, null, 2));
  } else if (options.output === 'yaml') {
    const { stringify } = await loadYaml();
    io.out(stringify(selected));
  } else {
    io.out(renderTable(selected, io, options.showSecrets === true));
  }
  return ExitCode.ok;
}
