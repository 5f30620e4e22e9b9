// Desired settings from the command line (KEY=VALUE) or a JSON/YAML file, checked against the spec once.
import type { CheckedTenantUpdate } from '@tenantctl/client';
import type { CommandDeps } from './command-deps.js';
import { unreadableFileError, usageError } from './exit-error.js';
import { invalidSettingsError } from './invalid-settings.js';
import { loadYaml } from './load-yaml.js';

/** Checks the patch once; the result goes to the server as it is (`updateTenant` does not check again). */
async function checked(patch: Record<string, unknown>, source?: string): Promise<CheckedTenantUpdate> {
  const { checkTenantUpdate, TenantValidationError } = await import('@tenantctl/client');
  try {
    return await checkTenantUpdate(patch);
  } catch (error) {
    if (error instanceof TenantValidationError) throw invalidSettingsError(error.violations, source);
    throw error;
  }
}

/**
 * A secret field's value comes from a file (`KEY=@FILE`) or standard input (`KEY=@-`), never from the
 * command line itself: argv is visible to every user of the machine.
 */
async function secretValue(key: string, text: string, deps: CommandDeps): Promise<string> {
  if (!text.startsWith('@') || text.length < 2) {
    throw usageError(
      `${key} is a secret: give it as ${key}=@FILE or ${key}=@- (standard input), never on the command line`,
    );
  }
  const source = text.slice(1);
  try {
    return source === '-' ? await deps.io.readStdin() : await deps.readTextFile(source);
  } catch (error) {
    throw unreadableFileError(`${key} from ${source}`, error);
  }
}

export async function settingsFromAssignments(
  assignments: readonly string[],
  deps: CommandDeps,
): Promise<CheckedTenantUpdate> {
  const { parseAssignment, AssignmentSyntaxError } = await import('@tenantctl/schema/fields');
  if (assignments.length === 0)
    throw usageError('give at least one KEY=VALUE, e.g. tenantctl set recording_retention=90');
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    try {
      const { key, text, field, value } = parseAssignment(assignment);
      patch[key] = field?.secret ? await secretValue(key, text, deps) : value;
    } catch (error) {
      if (error instanceof AssignmentSyntaxError) throw usageError(error.message);
      throw error;
    }
  }
  return checked(patch);
}

/**
 * The YAML library's message: what is wrong, where, then the offending line with a caret under the spot.
 * The context lines are indented so that they stand apart from the message.
 */
function describeParseError(error: unknown): string {
  const [summary = '', ...context] = String((error as Error).message)
    .trimEnd()
    .split('\n');
  const lines = context.filter((line, index) => index > 0 || line !== '');
  return lines.length === 0 ? summary : `${summary}\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

export interface FileSettings {
  /** Settable fields to set (`null` entries left out: they ask for nothing); undefined when none. */
  desired: CheckedTenantUpdate | undefined;
  /** Read-only fields dropped because of --drop-read-only. */
  dropped: string[];
}

export async function settingsFromFile(
  file: string,
  dropReadOnly: boolean,
  deps: CommandDeps,
): Promise<FileSettings> {
  const [{ parse }, { isJsonObject, readOnlyFieldNames }] = await Promise.all([
    loadYaml(),
    import('@tenantctl/schema/fields'),
  ]);
  const name = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await deps.io.readStdin() : await deps.readTextFile(file);
  } catch (error) {
    throw unreadableFileError(name, error);
  }
  let document: unknown;
  try {
    document = parse(text); // YAML is a superset of JSON: one parser reads both
  } catch (error) {
    throw usageError(`${name} is not valid YAML or JSON: ${describeParseError(error)}`);
  }
  if (!isJsonObject(document)) throw usageError(`${name} must hold a mapping of field names to values`);
  const readOnly = new Set(readOnlyFieldNames());
  const patch: Record<string, unknown> = {};
  const dropped: string[] = [];
  const refused: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (readOnly.has(key)) (dropReadOnly ? dropped : refused).push(key);
    else if (value !== null) patch[key] = value;
  }
  if (refused.length > 0) {
    throw usageError(
      `${name} holds read-only fields, which cannot be set: ${refused.join(', ')}.\n` +
        'A file made with `tenantctl get -o yaml` has them: remove them, or pass --drop-read-only to ignore them.',
    );
  }
  return { desired: Object.keys(patch).length > 0 ? await checked(patch, name) : undefined, dropped };
}
