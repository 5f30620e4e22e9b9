// `tenantctl status`: the current tenant's use and the PBX's version (`GET /tenant/status`).
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import { bareValue } from '../format-value.js';
import { loadYaml } from '../load-yaml.js';
import type { StatusOptions } from '../program.js';

export async function run(options: StatusOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const status: Record<string, unknown> = await (await deps.connect(options)).tenantStatus();
  if (options.output === 'json') io.out(JSON.stringify(status, null, 2));
  else if (options.output === 'yaml') io.out((await loadYaml()).stringify(status));
  else {
    const width = Math.max(0, ...Object.keys(status).map((key) => key.length));
    for (const [key, value] of Object.entries(status)) {
      const shown = Array.isArray(value) ? `${value.length} period(s)` : bareValue(value) || '—';
      io.out(`${key.padEnd(width)}  ${shown}`);
    }
  }
  return ExitCode.ok;
}
