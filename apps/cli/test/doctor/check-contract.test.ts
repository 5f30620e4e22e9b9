import { tenantFields } from '@tenantctl/schema/fields';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../../src/doctor/check-contract.js';

/** A GET /tenant answer with every field the spec has, blank (null) except those given. */
function answer(values: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of tenantFields().filter((one) => one.readable)) body[field.name] = null;
  return { ...body, id: 'NzAwNTUxOTA5NzczMTQ4MTYw', name: 'Acme', ...values };
}

describe('checkContract', () => {
  it('passes an answer the spec accepts, counting the blanks', async () => {
    const findings = await checkContract(answer(), '0.2.0');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/^GET \/tenant matches the spec: 50 fields, 48 blank \(null\): /),
    });
  });

  it('says a PBX with fields this tool does not know speaks a newer API', async () => {
    const findings = await checkContract(answer({ zeta_feature: true, alpha_limit: 3 }), '0.2.0');
    expect(findings).toContainEqual(
      expect.objectContaining({
        status: 'warn',
        summary:
          'this PBX speaks a newer API: 2 field(s) unknown to tenantctl 0.2.0: alpha_limit, zeta_feature',
        data: { unknownFields: ['alpha_limit', 'zeta_feature'] },
      }),
    );
    expect(findings.some((one) => one.status === 'fail')).toBe(false);
  });

  it('names the fields missing from the answer', async () => {
    const { website: _website, region: _region, ...rest } = answer();
    expect(await checkContract(rest, '0.2.0')).toContainEqual(
      expect.objectContaining({
        status: 'warn',
        summary: '2 field(s) of the spec missing from the answer: website, region',
      }),
    );
  });

  it('fails on a value the spec refuses, naming the field and the rule but never the value', async () => {
    const findings = await checkContract(answer({ contact_match_length: -1, stir_shaken_key: 17 }), '0.2.0');
    const refused = findings.find((one) => one.status === 'fail');
    expect(refused?.summary).toMatch(/^2 value\(s\) the spec refuses: /);
    expect(refused?.summary).toContain('contact_match_length');
    expect(refused?.data).toMatchObject({
      refused: expect.arrayContaining([
        expect.objectContaining({ field: 'contact_match_length', rule: 'minimum' }),
      ]),
    });
    expect(JSON.stringify(findings)).not.toContain('-1');
  });

  it('fails on an answer that is not an object', async () => {
    expect(await checkContract([1, 2], '0.2.0')).toEqual([
      expect.objectContaining({ status: 'fail', summary: 'GET /tenant did not answer a JSON object' }),
    ]);
  });
});
