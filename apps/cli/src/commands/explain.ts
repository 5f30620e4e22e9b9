import {
  type FieldInfo,
  fieldInfo,
  firstSentence,
  MAX_LISTED_VALUES,
  tenantFields,
} from '@tenantctl/schema/fields';
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import type { Io } from '../io.js';
import type { ExplainOptions } from '../program.js';
import { suggestField } from '../suggest-field.js';

function typeOf(field: FieldInfo): string {
  return field.format && field.format !== 'password' ? `${field.type} (${field.format})` : field.type;
}

/** Whether the field can be set: through `/tenant`, or by id (`--tenant`) for a system user. */
function settableText(field: FieldInfo, byId: boolean): string {
  if (byId) return field.settableById ? 'yes (tenantctl set --tenant ID|NAME)' : 'no, not by id';
  if (field.settable) return 'yes (tenantctl set / apply)';
  return field.settableById
    ? 'no, read-only here; a SystemAdmin or a Dealer sets it with --tenant'
    : 'no, read-only';
}

function details(field: FieldInfo, io: Io, byId: boolean): string {
  const rows: [string, string][] = [
    ['type', typeOf(field)],
    ['can be set', settableText(field, byId)],
  ];
  const bounds = [
    field.minimum !== undefined ? `≥ ${field.minimum}` : '',
    field.maximum !== undefined ? `≤ ${field.maximum}` : '',
    field.minLength !== undefined ? `at least ${field.minLength} characters` : '',
    field.maxLength !== undefined ? `at most ${field.maxLength} characters` : '',
  ].filter(Boolean);
  if (bounds.length > 0) rows.push(['bounds', bounds.join(', ')]);
  if (field.pattern) rows.push(['pattern', field.pattern]);
  if (field.contentMediaType) rows.push(['content', `a string holding ${field.contentMediaType}`]);
  if (field.enum) {
    const values =
      field.enum.length <= MAX_LISTED_VALUES
        ? field.enum.join(', ')
        : `${field.enum.length} values (${field.component ?? 'see the spec'}), e.g. ${field.enum.slice(0, 3).join(', ')}… (all: tenantctl explain ${field.name} --values)`;
    rows.push(['values', values]);
  }
  if (field.default !== undefined) rows.push(['default', JSON.stringify(field.default)]);
  if (field.example !== undefined && !field.secret) rows.push(['example', JSON.stringify(field.example)]);
  if (field.secret) rows.push(['secret', 'yes: shown as <redacted> unless --show-secrets']);
  if (field.secretPaths.length > 0) {
    rows.push([
      'secrets',
      `${field.secretPaths.map((path) => path.slice(1)).join(', ')}: shown as <redacted>, set only from @FILE`,
    ]);
  }
  const width = Math.max(...rows.map(([key]) => key.length));
  return [
    io.color.bold(field.name),
    field.description.trim(),
    '',
    ...rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`),
  ].join('\n');
}

/** `tenantctl explain [FIELD] [--values]`: from the spec, never restated. */
export async function run(
  { field, values, tenant }: ExplainOptions,
  { io }: CommandDeps,
): Promise<ExitCodeValue> {
  // --tenant: the by-id view (what set --tenant takes); the tenant itself is not looked up.
  const byId = tenant !== undefined;
  if (values && field === undefined)
    throw usageError('--values needs a field: tenantctl explain FIELD --values');
  if (field !== undefined) {
    const info = fieldInfo(field);
    if (!info) throw usageError(`unknown field "${field}"${suggestField(field)}`);
    if (values) {
      // One value per line, for grep; a field without a list of values has none to print.
      if (!info.enum)
        throw usageError(`${info.name} takes no list of values (tenantctl explain ${info.name})`);
      io.out(info.enum.join('\n'));
      return ExitCode.ok;
    }
    io.out(details(info, io, byId));
    return ExitCode.ok;
  }
  const fields = tenantFields().filter((f) =>
    byId ? f.readableById || f.settableById : f.readable || f.settable,
  );
  const width = Math.max(...fields.map((f) => f.name.length));
  const typeWidth = Math.max(...fields.map((f) => typeOf(f).length));
  for (const f of fields) {
    const mark = (byId ? f.settableById : f.settable) ? 'settable ' : 'read-only';
    io.out(
      `${f.name.padEnd(width)}  ${typeOf(f).padEnd(typeWidth)}  ${mark}  ${firstSentence(f.description)}`,
    );
  }
  return ExitCode.ok;
}
