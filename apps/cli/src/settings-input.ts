// Desired settings from the command line (KEY=VALUE) or a JSON/YAML file, checked against the spec once.
import type { CheckedTenantUpdate, UpdateSchema } from '@tenantctl/client';
import type { CommandDeps } from './command-deps.js';
import { unreadableFileError, usageError } from './exit-error.js';
import { invalidSettingsError } from './invalid-settings.js';
import { loadYaml } from './load-yaml.js';

/** Checks the patch once; the result goes to the server as it is (the client does not check again). */
async function checked(
  patch: Record<string, unknown>,
  schema: UpdateSchema,
  source?: string,
): Promise<CheckedTenantUpdate<UpdateSchema>> {
  const { checkTenantUpdate, TenantValidationError } = await import('@tenantctl/client');
  try {
    return await checkTenantUpdate(patch, schema);
  } catch (error) {
    if (error instanceof TenantValidationError) throw invalidSettingsError(error.violations, source);
    throw error;
  }
}

/**
 * A secret field's value comes from a file (`KEY=@FILE`) or standard input (`KEY=@-`), never from the
 * command line itself: argv is visible to every user of the machine. So does an object field's value
 * that holds one (a webhook's password or token).
 */
async function secretValue(key: string, text: string, deps: CommandDeps, what = 'a secret'): Promise<string> {
  if (!text.startsWith('@') || text.length < 2) {
    throw usageError(
      `${key} is ${what}: give it as ${key}=@FILE or ${key}=@- (standard input), never on the command line`,
    );
  }
  const source = text.slice(1);
  try {
    return source === '-' ? await deps.io.readStdin() : await deps.readTextFile(source);
  } catch (error) {
    throw unreadableFileError(`${key} from ${source}`, error);
  }
}

/**
 * The fields `KEY=VALUE` assignments give, each typed by the spec (a secret, or an object holding one,
 * read from `@FILE`/`@-`), not yet checked as a whole.
 */
export async function fieldsFromAssignments(
  assignments: readonly string[],
  deps: CommandDeps,
): Promise<Record<string, unknown>> {
  const { parseAssignment, parseFieldValue, redactPaths, AssignmentSyntaxError } = await import(
    '@tenantctl/schema/fields'
  );
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    try {
      const { key, text, field, value } = parseAssignment(assignment);
      if (field?.secret) patch[key] = await secretValue(key, text, deps);
      else if (field && field.secretPaths.length > 0 && text.startsWith('@')) {
        patch[key] = parseFieldValue(field, await secretValue(key, text, deps));
      } else if (
        field &&
        JSON.stringify(redactPaths(value, field.secretPaths, null)) !== JSON.stringify(value)
      ) {
        const inside = field.secretPaths.map((path) => path.slice(1)).join(', ');
        throw usageError(
          `${key} holds a secret (${inside}): give it as ${key}=@FILE or ${key}=@- (standard input), never on the command line`,
        );
      } else patch[key] = value;
    } catch (error) {
      if (error instanceof AssignmentSyntaxError) throw usageError(error.message);
      throw error;
    }
  }
  return patch;
}

/** An update that depends on the tenant as read: `FIELD.KEY=VALUE` sets a key into what FIELD holds. */
export type SettingsFromTenant = (
  current: Record<string, unknown>,
) => Promise<CheckedTenantUpdate<UpdateSchema>>;

/**
 * The update `KEY=VALUE` assignments give, checked against the spec. With `FIELD.KEY=VALUE` among them
 * (one key inside an object field), it is made once the tenant is read: the update replaces an object
 * field whole, so the key is set into the object the tenant holds and the whole object is sent (with
 * If-Match on what was read), keeping the keys not named. Everything that can be checked before
 * reading is checked first.
 */
export async function settingsFromAssignments(
  assignments: readonly string[],
  deps: CommandDeps,
  schema: UpdateSchema = 'TenantUpdate',
): Promise<CheckedTenantUpdate<UpdateSchema> | SettingsFromTenant> {
  if (assignments.length === 0)
    throw usageError('give at least one KEY=VALUE, e.g. tenantctl set recording_retention=90');
  const { parseNestedAssignment, withNestedValue, AssignmentSyntaxError } = await import(
    '@tenantctl/schema/fields'
  );
  const nested: { field: string; path: string[]; value: unknown }[] = [];
  const plain: string[] = [];
  for (const assignment of assignments) {
    let parsed: ReturnType<typeof parseNestedAssignment>;
    try {
      parsed = parseNestedAssignment(assignment);
    } catch (error) {
      if (error instanceof AssignmentSyntaxError) throw usageError(error.message);
      throw error;
    }
    if (!parsed) plain.push(assignment);
    else {
      const { field, path, key, text, value, secret } = parsed;
      nested.push({
        field: field.name,
        path,
        value: secret ? await secretValue(key, text, deps) : value,
      });
    }
  }
  const fields = await fieldsFromAssignments(plain, deps);
  if (nested.length === 0) return checked(fields, schema);
  return async (current) => {
    const update = { ...fields };
    for (const { field, path, value } of nested) {
      update[field] = withNestedValue(field in update ? update[field] : current[field], path, value);
    }
    return checked(update, schema);
  };
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
  desired: CheckedTenantUpdate<UpdateSchema> | undefined;
  /** Read-only fields dropped because of --drop-read-only. */
  dropped: string[];
}

/** The mapping a JSON or YAML file (or `-`, standard input) holds, or a usage error naming the file. */
export async function mappingFromFile(file: string, deps: CommandDeps): Promise<Record<string, unknown>> {
  return mappingFromText(await readFileText(file, deps), file === '-' ? 'standard input' : file);
}

/** A file's text (`-`: standard input), or a usage error saying why it cannot be read. */
export async function readFileText(file: string, deps: CommandDeps): Promise<string> {
  try {
    return file === '-' ? await deps.io.readStdin() : await deps.readTextFile(file);
  } catch (error) {
    throw unreadableFileError(file === '-' ? 'standard input' : file, error);
  }
}

/** The mapping JSON or YAML text holds; `name` says where it came from in messages. */
export async function mappingFromText(text: string, name: string): Promise<Record<string, unknown>> {
  const [{ parse }, { isJsonObject }] = await Promise.all([loadYaml(), import('@tenantctl/schema/fields')]);
  let document: unknown;
  try {
    document = parse(text); // YAML is a superset of JSON: one parser reads both
  } catch (error) {
    throw usageError(`${name} is not valid YAML or JSON: ${describeParseError(error)}`);
  }
  if (!isJsonObject(document)) throw usageError(`${name} must hold a mapping of field names to values`);
  return document;
}

export async function settingsFromFile(
  file: string,
  dropReadOnly: boolean,
  deps: CommandDeps,
  schema: UpdateSchema = 'TenantUpdate',
): Promise<FileSettings> {
  const { readOnlyFieldNames, readOnlyByIdFieldNames } = await import('@tenantctl/schema/fields');
  const name = file === '-' ? 'standard input' : file;
  const document = await mappingFromFile(file, deps);
  const readOnly = new Set(schema === 'TenantUpdate' ? readOnlyFieldNames() : readOnlyByIdFieldNames());
  const patch: Record<string, unknown> = {};
  const dropped: string[] = [];
  const refused: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (readOnly.has(key)) (dropReadOnly ? dropped : refused).push(key);
    else if (value !== null) patch[key] = value;
  }
  if (refused.length > 0) {
    const where = schema === 'TenantUpdate' ? '' : ' by id (--tenant)';
    throw usageError(
      `${name} holds read-only fields, which cannot be set${where}: ${refused.join(', ')}.\n` +
        'A file made with `tenantctl get -o yaml` has them: remove them, or pass --drop-read-only to ignore them.',
    );
  }
  return {
    desired: Object.keys(patch).length > 0 ? await checked(patch, schema, name) : undefined,
    dropped,
  };
}
