// Desired settings from the command line (KEY=VALUE) or a JSON/YAML file, checked against the spec.
import { readFile } from 'node:fs/promises';
import type { Violation } from '@tenantctl/schema';
import { usageError } from './exit-error.js';
import type { Io } from './io.js';
import { loadYaml } from './load-yaml.js';

/** Thrown with every violation, so the user fixes them all at once. */
function invalid(violations: readonly Violation[], what: string): Error {
  return usageError(`${what}, nothing was sent:\n${violations.map((v) => `  - ${v.message}`).join('\n')}`);
}

/**
 * A secret field's value comes from a file (`KEY=@FILE`) or standard input (`KEY=@-`), never from the
 * command line itself: argv is visible to every user of the machine.
 */
async function secretValue(key: string, text: string, io: Io): Promise<string> {
  if (!text.startsWith('@') || text.length < 2) {
    throw usageError(
      `${key} is a secret: give it as ${key}=@FILE or ${key}=@- (standard input), never on the command line`,
    );
  }
  const source = text.slice(1);
  try {
    return source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    throw usageError(
      `cannot read ${key} from ${source}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

export async function settingsFromAssignments(
  assignments: readonly string[],
  io: Io,
): Promise<Record<string, unknown>> {
  const { fieldInfo, parseFieldValue, validateTenantUpdate } = await import('@tenantctl/schema');
  if (assignments.length === 0)
    throw usageError('give at least one KEY=VALUE, e.g. tenantctl set recording_retention=90');
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0)
      throw usageError(`"${assignment.split('=')[0]}" is not KEY=VALUE (KEY= sets an empty string)`);
    const key = assignment.slice(0, eq);
    const text = assignment.slice(eq + 1);
    const info = fieldInfo(key);
    patch[key] = info?.secret ? await secretValue(key, text, io) : info ? parseFieldValue(info, text) : text;
  }
  const checked = validateTenantUpdate(patch);
  if (!checked.valid) throw invalid(checked.violations, 'invalid settings');
  return patch;
}

export interface FileSettings {
  /** Settable fields to set; `null` (blank) entries are left out: they ask for nothing. */
  desired: Record<string, unknown>;
  /** Read-only fields dropped because of --drop-read-only. */
  dropped: string[];
}

export async function settingsFromFile(file: string, dropReadOnly: boolean, io: Io): Promise<FileSettings> {
  const [{ parse }, schema] = await Promise.all([loadYaml(), import('@tenantctl/schema')]);
  const name = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let document: unknown;
  try {
    document = parse(text); // YAML is a superset of JSON: one parser reads both
  } catch (error) {
    throw usageError(`${name} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw usageError(`${name} must hold a mapping of field names to values`);
  }
  const settable = new Set(schema.settableFieldNames());
  const readable = new Set(schema.tenantFieldNames());
  const desired: Record<string, unknown> = {};
  const dropped: string[] = [];
  const readOnly: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (readable.has(key) && !settable.has(key)) {
      if (dropReadOnly) dropped.push(key);
      else readOnly.push(key);
    } else if (value !== null) {
      desired[key] = value;
    }
  }
  if (readOnly.length > 0) {
    throw usageError(
      `${name} holds read-only fields, which cannot be set: ${readOnly.join(', ')}.\n` +
        'A file made with `tenantctl get -o yaml` has them: remove them, or pass --drop-read-only to ignore them.',
    );
  }
  if (Object.keys(desired).length > 0) {
    const checked = schema.validateTenantUpdate(desired);
    if (!checked.valid) throw invalid(checked.violations, `${name} has invalid settings`);
  }
  return { desired, dropped };
}
