import { describe, expect, it } from 'vitest';
import { fieldInfo, settableFieldNames, tenantFieldNames, tenantFields } from '../src/index.js';

describe('field metadata', () => {
  it('has the 42 fields of GET and the 22 of POST', () => {
    expect(tenantFieldNames()).toHaveLength(42);
    expect(settableFieldNames()).toHaveLength(22);
    // avatar_file_id can be set but is not returned (GET shows name, size and url instead).
    expect(tenantFields()).toHaveLength(43);
  });

  it.each([
    [
      'recording_retention',
      {
        type: 'integer',
        format: 'int32',
        minimum: 1,
        default: 180,
        settable: true,
        component: 'RetentionDays',
      },
    ],
    [
      'contact_update_interval',
      { type: 'integer', format: 'uint32', minimum: 1, maximum: 43200, default: 720 },
    ],
    ['name', { type: 'string', minLength: 1, maxLength: 1024, description: 'The name of the tenant.' }],
    ['contact_match_type', { enum: ['DISABLE', 'MATCH_EXACTLY', 'MATCH_LENGTH'], default: 'MATCH_EXACTLY' }],
    ['max_extensions', { type: 'integer', format: 'int32', default: 1000, settable: false }],
    ['avatar_file_url', { readOnly: true, settable: false }],
    ['stir_shaken_key', { secret: true, settable: true }],
    ['extension_im_disk_quota', { default: '1GB', component: 'DiskQuota' }],
    ['disk_quota', { default: '', settable: false, component: 'DiskQuota' }],
    ['timezone', { description: 'Timezone for tenant.', component: 'TimeZone', example: 'Asia/Shanghai' }],
    ['custom_options', { contentMediaType: 'application/json' }],
    ['avatar_file_size', { format: 'int64', example: 0 }],
  ])('%s', (name, expected) => {
    expect(fieldInfo(name)).toMatchObject(expected);
  });

  it('puts every field in a group', () => {
    expect(tenantFields().filter((f) => f.group === 'Other')).toEqual([]);
    expect(fieldInfo('log_retention')?.group).toBe('Retention');
    expect(fieldInfo('max_extensions')?.group).toBe('Limits');
  });

  it('knows nothing of a field the spec does not have', () => {
    expect(fieldInfo('office_hours')).toBeUndefined();
  });
});
