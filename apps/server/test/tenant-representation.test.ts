import { tenantFieldNames } from '@tenantctl/schema';
import { describe, expect, it } from 'vitest';
import { defaultSettings, etagOf, toTenantBody } from '../src/tenant-representation.js';

describe('defaultSettings', () => {
  it("holds the spec's default for every field that has one, null for the others, and the name", () => {
    const settings = defaultSettings('Acme');
    expect(settings).toMatchObject({
      name: 'Acme',
      recording_retention: 180,
      call_report_retention: 30,
      contact_update_interval: 720,
      contact_match_type: 'MATCH_EXACTLY',
      enable_feature_trunks: true,
      enable_billing: false,
      max_extensions: 1000,
      disk_quota: '',
      extension_im_disk_quota: '1GB',
      timezone: null,
      stir_shaken_key: null,
      avatar_file_id: null,
    });
    expect(settings).not.toHaveProperty('id');
    // every field but the id and created_at (the row's columns): 49 readable by GET /tenant, and enabled,
    // email_recipients (readable by id) and avatar_file_id (settable only)
    expect(Object.keys(settings)).toHaveLength(52);
  });
});

describe('toTenantBody', () => {
  it("lists every Tenant field in the spec's order, the id first, blanks as null, write-only fields left out", () => {
    const body = toTenantBody({ id: 'T1', settings: { name: 'Acme', avatar_file_id: 'F1', extra: 1 } });
    expect(Object.keys(body)).toEqual([...tenantFieldNames()]);
    expect(body).toMatchObject({ id: 'T1', name: 'Acme', domain: null });
    expect(body).not.toHaveProperty('avatar_file_id');
    expect(body).not.toHaveProperty('extra');
  });
});

describe('etagOf', () => {
  it('is a strong tag of the version and the instance', () => {
    expect(etagOf(7, 'abc')).toBe('"7-abc"');
    expect(etagOf(8, 'abc')).not.toBe(etagOf(7, 'abc'));
    expect(etagOf(7, 'abd')).not.toBe(etagOf(7, 'abc'));
  });
});
