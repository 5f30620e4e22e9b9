// A value as table output shows it, over as many lines as it reads best in: objects (fields newer PBX
// versions send, JSON text such as custom_options) pretty-printed when long, secrets under them hidden.
import type { FieldInfo } from '@tenantctl/schema/fields';
import { formatValue } from './format-value.js';
import { hideSecrets, namesASecret } from './redact.js';

export interface ValueLineOptions {
  showSecrets: boolean;
  /** Room for the value, in characters: what fits stays on one line. Default 60. */
  room?: number;
}

/** One line when it fits, else indented JSON: one key per line. */
function objectLines(value: object, field: FieldInfo | undefined, options: ValueLineOptions): string[] {
  const shown = options.showSecrets ? value : hideSecrets(value, field);
  const oneLine = JSON.stringify(shown);
  return oneLine.length <= (options.room ?? 60) ? [oneLine] : JSON.stringify(shown, null, 2).split('\n');
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The lines of one field's value. `name` is the field's; a field the spec does not know is a secret
 * when its name says so, and so is anything under a secret-naming key inside it.
 */
export function valueLines(
  name: string,
  value: unknown,
  field: FieldInfo | undefined,
  options: ValueLineOptions,
): string[] {
  if (value === null || value === undefined) return ['—'];
  const secret = field ? field.secret : namesASecret(name);
  if (secret && !options.showSecrets) return ['<redacted>'];
  if (typeof value === 'object') return objectLines(value, field, options);
  if (typeof value === 'string' && field?.contentMediaType === 'application/json') {
    const parsed = parsedJson(value);
    if (parsed !== null && typeof parsed === 'object') return objectLines(parsed, undefined, options);
  }
  return [formatValue(value, field, { showSecrets: true })];
}

/** Splits a line longer than `room` at its last space before the limit, or anywhere when it has none. */
export function wrapLine(line: string, room: number): string[] {
  const lines: string[] = [];
  let rest = line;
  while ([...rest].length > room) {
    const chars = [...rest];
    const head = chars.slice(0, room).join('');
    const space = head.lastIndexOf(' ');
    const cut = space > room / 3 ? space : head.length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}
