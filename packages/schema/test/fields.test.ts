// Field metadata: each flag checked both ways (which fields have it, and that the others do not).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fieldInfo,
  readOnlyByIdFieldNames,
  readOnlyFieldNames,
  settableByIdFieldNames,
  settableFieldNames,
  suggestFieldName,
  tenantDetailsFieldNames,
  tenantFieldNames,
  tenantFields,
  tenantSummaryFieldNames,
} from '../src/index.js';

// Computed once and kept: computing it before the tests makes every test check what it computes
// (mutation testing attributes code run inside a test to that test only).
beforeAll(() => {
  tenantFields();
});

const names = (predicate: (f: ReturnType<typeof tenantFields>[number]) => boolean) =>
  tenantFields()
    .filter(predicate)
    .map((f) => f.name);

describe('field metadata', () => {
  it('has the 50 fields of GET /tenant, the 30 of POST, the 3 only by id, and avatar_file_id, which POST sets and GET never returns', () => {
    expect(tenantFieldNames()).toHaveLength(50);
    expect(settableFieldNames()).toHaveLength(30);
    expect(tenantDetailsFieldNames()).toEqual([
      ...tenantFieldNames(),
      'enabled',
      'created_at',
      'email_recipients',
    ]);
    expect(tenantFields()).toHaveLength(54);
    expect(tenantFields().map((f) => f.name)).toEqual([...tenantDetailsFieldNames(), 'avatar_file_id']);
    expect(names((f) => !f.readable)).toEqual([
      'enabled',
      'created_at',
      'email_recipients',
      'avatar_file_id',
    ]);
    expect(names((f) => !f.readableById)).toEqual(['avatar_file_id']);
    expect(names((f) => f.settable).sort()).toEqual([...settableFieldNames()].sort());
  });

  it("the by-id update takes the vendor's 43: the system-side limits and features, not the name, the STIR/SHAKEN pair, the avatar or the caller IDs", () => {
    expect(settableByIdFieldNames()).toHaveLength(43);
    expect(names((f) => f.settableById).sort()).toEqual([...settableByIdFieldNames()].sort());
    expect(names((f) => f.settable && !f.settableById)).toEqual([
      'name',
      'outbound_caller_ids',
      'stir_shaken_cert',
      'stir_shaken_key',
      'avatar_file_id',
    ]);
    expect(names((f) => f.settableById && !f.settable)).toEqual([
      'enable_billing',
      'enable_feature_billing',
      'enable_feature_call_statistics',
      'enable_feature_contact_center',
      'enable_feature_message_channels',
      'enable_feature_microsoft_teams',
      'enable_feature_trunks',
      'enable_feature_whats_app',
      'max_extensions',
      'max_concurrent_calls',
      'max_ring_groups',
      'max_virtual_receptionists',
      'max_call_queues',
      'max_conference_rooms',
      'disk_quota',
      'im_disk_quota',
      'enabled',
      'email_recipients',
    ]);
  });

  it('read-only by id means returned by GET /tenants/{id} and not settable there', () => {
    expect(readOnlyByIdFieldNames()).toEqual([
      'id',
      'name',
      'used_disk_quota',
      'outbound_caller_ids',
      'avatar_file_name',
      'avatar_file_size',
      'avatar_file_url',
      'stir_shaken_cert',
      'stir_shaken_key',
      'created_at',
    ]);
  });

  it('lists the summary fields of GET /tenants', () => {
    expect(tenantSummaryFieldNames()).toEqual([
      'id',
      'name',
      'domain',
      'enabled',
      'created_at',
      'website',
      'timezone',
      'currency',
      'region',
      'max_extensions',
      'max_concurrent_calls',
      'avatar_file_name',
      'avatar_file_size',
      'avatar_file_url',
    ]);
  });

  it('read-only means returned by GET and not settable: 21 fields, id first', () => {
    const expected = [
      'id',
      'enable_billing',
      'enable_feature_billing',
      'enable_feature_call_statistics',
      'enable_feature_contact_center',
      'enable_feature_message_channels',
      'enable_feature_microsoft_teams',
      'enable_feature_trunks',
      'enable_feature_whats_app',
      'max_extensions',
      'max_concurrent_calls',
      'max_ring_groups',
      'max_virtual_receptionists',
      'max_call_queues',
      'max_conference_rooms',
      'disk_quota',
      'used_disk_quota',
      'im_disk_quota',
      'avatar_file_name',
      'avatar_file_size',
      'avatar_file_url',
    ];
    expect(readOnlyFieldNames()).toEqual(expected);
    expect(names((f) => f.readOnly)).toEqual(expected);
    expect(names((f) => f.readOnly && f.settable)).toEqual([]);
    expect(fieldInfo('max_extensions')?.readOnly).toBe(true);
    expect(fieldInfo('avatar_file_id')?.readOnly).toBe(false);
  });

  it('only stir_shaken_key is a secret, and the webhooks hold two each', () => {
    expect(names((f) => f.secret)).toEqual(['stir_shaken_key']);
    expect(names((f) => f.secretPaths.length > 0)).toEqual(['cdr_event', 'extension_event']);
    expect(fieldInfo('extension_event')?.secretPaths).toEqual(['/password', '/token']);
    expect(fieldInfo('stir_shaken_key')?.secretPaths).toEqual([]);
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
    ['contact_match_length', { type: 'integer', format: 'int32', minimum: 0, example: 8, settable: true }],
    [
      'name',
      {
        type: 'string',
        minLength: 1,
        maxLength: 1024,
        description: 'The name of the tenant.',
        component: 'PlainText',
      },
    ],
    ['contact_match_type', { enum: ['DISABLE', 'MATCH_EXACTLY', 'MATCH_LENGTH'], default: 'MATCH_EXACTLY' }],
    ['max_extensions', { type: 'integer', format: 'int32', minimum: 0, default: 1000, settable: false }],
    ['avatar_file_size', { format: 'int64', minimum: 0, example: 0 }],
    ['stir_shaken_key', { secret: true, settable: true, format: 'password', component: 'MultilineText' }],
    ['extension_im_disk_quota', { default: '1GB', component: 'DiskQuota', maxLength: 17 }],
    ['disk_quota', { default: '', settable: false, component: 'DiskQuota' }],
    ['timezone', { description: 'Timezone for tenant.', component: 'TimeZone', example: 'Asia/Shanghai' }],
    ['custom_options', { contentMediaType: 'application/json', type: 'string' }],
    ['enable_billing', { type: 'boolean', default: false, group: 'Features', settableById: true }],
    ['office_hours', { type: 'object', component: 'OfficeHours', group: 'Office hours', settable: true }],
    ['outbound_caller_ids', { type: 'array', settable: true, settableById: false }],
    ['created_at', { format: 'date-time', readable: false, readableById: true, settable: false }],
  ])('%s', (name, expected) => {
    expect(fieldInfo(name)).toMatchObject(expected);
  });

  it('leaves out what the spec does not say', () => {
    const info = fieldInfo('enable_audio_recording');
    for (const key of [
      'format',
      'minimum',
      'maximum',
      'minLength',
      'maxLength',
      'pattern',
      'enum',
      'example',
      'contentMediaType',
      'component',
    ]) {
      expect(info, key).not.toHaveProperty(key);
    }
  });

  it('puts every field in a group', () => {
    expect(names((f) => f.group === 'Other')).toEqual([]);
    expect(fieldInfo('log_retention')?.group).toBe('Retention');
    expect(fieldInfo('max_extensions')?.group).toBe('Limits');
  });

  it('knows nothing of a field the spec does not have', () => {
    expect(fieldInfo('call_recording_vault')).toBeUndefined();
  });

  it('is frozen and computed once', () => {
    expect(tenantFields()).toBe(tenantFields());
    expect(Object.isFrozen(tenantFields())).toBe(true);
    expect(Object.isFrozen(fieldInfo('name'))).toBe(true);
  });
});

describe('suggestFieldName', () => {
  it.each([
    ['nmae', 'name'],
    ['recording_retension', 'recording_retention'],
    ['TimeZone', 'timezone'],
    ['time_zone', 'timezone'],
    ['colour', undefined],
    ['max_extensions', undefined],
  ])('%s → %s among the settable fields', (typo, suggestion) => {
    expect(suggestFieldName(typo)).toBe(suggestion);
  });

  it('suggests among the names given', () => {
    expect(suggestFieldName('max_extension')).toBeUndefined();
    expect(suggestFieldName('max_extension', tenantFieldNames())).toBe('max_extensions');
    expect(suggestFieldName('colour', tenantFieldNames())).toBeUndefined();
  });
});
