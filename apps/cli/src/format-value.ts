// How one field's value reads for people (table output, diffs), from the field's metadata in the spec.
import type { FieldInfo } from '@tenantctl/schema/fields';
import { hideSecrets, REDACTED } from './redact.js';

export interface FormatOptions {
  showSecrets: boolean;
}

const quotaUnit = /^(\d+)(KB|MB|GB|PB)$/;

export function formatValue(value: unknown, field: FieldInfo | undefined, options: FormatOptions): string {
  if (value === null || value === undefined) return '—';
  if (field?.secret && !options.showSecrets) return REDACTED;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object')
    return JSON.stringify(options.showSecrets ? value : hideSecrets(value, field));
  if (typeof value !== 'string') return String(value);
  if (field?.component === 'DiskQuota' || field?.component === 'DiskUsage') {
    if (value === '') return 'unlimited';
    const match = quotaUnit.exec(value);
    if (match) return `${match[1]} ${match[2]}`;
  }
  if (value === '') return '""';
  const lines = value.split('\n').filter((line) => line !== '');
  return lines.length > 1 ? `${lines[0]} … (${lines.length} lines)` : value;
}

/** A value as a script wants it (`--field`): strings bare, null empty, the rest as JSON. */
export function bareValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
