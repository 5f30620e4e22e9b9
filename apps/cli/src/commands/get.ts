import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import { bareValue } from '../format-value.js';
import { loadYaml } from '../load-yaml.js';
import type { GetOptions } from '../program.js';
import { openTarget } from '../tenant-target.js';

/** `tenantctl get`: the tenant as a table, JSON or YAML, or only some fields. */
export async function run(options: GetOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const wanted = options.field ?? [];
  const target = await openTarget(await deps.connect(options), options, deps);
  const { tenant } = await target.read();
  if (wanted.length > 0) {
    // The spec's field list is loaded only to judge names the server did not send.
    const unknown = wanted.filter((name) => !(name in tenant));
    if (unknown.length > 0) {
      const [{ fieldInfo }, { suggestField }] = await Promise.all([
        import('@tenantctl/schema/fields'),
        import('../suggest-field.js'),
      ]);
      const name = unknown.find((n) => !fieldInfo(n));
      if (name !== undefined) throw usageError(`unknown field "${name}"${suggestField(name)}`);
    }
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
    const { renderTable } = await import('../render-table.js');
    io.out(renderTable(selected, io, options.showSecrets === true));
  }
  return ExitCode.ok;
}
