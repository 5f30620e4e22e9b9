import { tenantFields } from '@tenantctl/schema/fields';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../../src/doctor/check-contract.js';

/** A GET /tenant answer with every field the spec has, blank (null) except those given. */
function answer(values: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of tenantFields().filter((one) => one.readable)) body[field.name] = null;
  return { ...body, id: 'NzAwNTUxOTA5NzczMTQ4MTYw', name: 'Acme', ...values };
}

const readable = () => tenantFields().filter((one) => one.readable);

describe('checkContract', () => {
  it('passes an answer the spec accepts, counting the blanks', async () => {
    const blank = readable()
      .map((field) => field.name)
      .filter((name) => name !== 'id' && name !== 'name');
    expect(await checkContract(answer(), '0.2.0')).toEqual([
      {
        check: 'contract',
        status: 'ok',
        summary: `GET /tenant matches the spec: ${blank.length + 2} fields, ${blank.length} blank (null): ${blank.join(', ')}`,
        data: { fields: blank.length + 2, blankFields: blank },
      },
    ]);
  });

  it("passes the spec's own example of every field, none blank", async () => {
    const example = Object.fromEntries(readable().map((field) => [field.name, field.example]));
    expect(await checkContract(example, '0.2.0')).toEqual([
      {
        check: 'contract',
        status: 'ok',
        summary: `GET /tenant matches the spec: ${readable().length} fields, none blank`,
        data: { fields: readable().length, blankFields: [] },
      },
    ]);
  });

  it('says a PBX with fields this tool does not know speaks a newer API', async () => {
    const findings = await checkContract(answer({ zeta_feature: true, alpha_limit: 3 }), '0.2.0');
    expect(findings[0]).toEqual({
      check: 'contract',
      status: 'warn',
      summary:
        'this PBX speaks a newer API: 2 field(s) unknown to tenantctl 0.2.0: alpha_limit, zeta_feature',
      advice:
        'get shows them and apply keeps them, but set cannot change them: upgrade tenantctl when a release knows them',
      data: { unknownFields: ['alpha_limit', 'zeta_feature'] },
    });
    // With a finding above, the blanks are a line of their own.
    const blank = readable()
      .map((field) => field.name)
      .filter((name) => name !== 'id' && name !== 'name');
    expect(findings.slice(1)).toEqual([
      {
        check: 'contract',
        status: 'ok',
        summary: `${blank.length} blank field(s) (null): ${blank.join(', ')}`,
        data: { blankFields: blank },
      },
    ]);
  });

  it('names the fields missing from the answer', async () => {
    const { website: _website, region: _region, ...rest } = answer();
    expect(await checkContract(rest, '0.2.0')).toContainEqual({
      check: 'contract',
      status: 'warn',
      summary: '2 field(s) of the spec missing from the answer: website, region',
      advice: 'an older PBX, or fields it leaves out: tenantctl shows them as absent',
      data: { missingFields: ['website', 'region'] },
    });
    const example = Object.fromEntries(readable().map((field) => [field.name, field.example]));
    const { website: _w, ...noBlanks } = example;
    // Nothing blank: no line for the blanks.
    expect(await checkContract(noBlanks, '0.2.0')).toHaveLength(1);
  });

  it('fails on a value the spec refuses, naming the field and the rule but never the value', async () => {
    const findings = await checkContract(answer({ contact_match_length: -1, stir_shaken_key: 17 }), '0.2.0');
    const refused = findings.find((one) => one.status === 'fail');
    expect(refused?.check).toBe('contract');
    expect(refused?.summary).toMatch(/^2 value\(s\) the spec refuses: \S.*; \S/);
    expect(refused?.summary).toContain('contact_match_length');
    expect(refused?.advice).toBe(
      'the PBX and the spec disagree: report it with tenantctl doctor -o json; apply and set may refuse what get shows',
    );
    // An unknown field is a warning of its own, never a value refused.
    const open = await checkContract(answer({ zeta_feature: true }), '0.2.0');
    expect(open.some((one) => one.status === 'fail')).toBe(false);
    expect(refused?.data).toMatchObject({
      refused: expect.arrayContaining([
        expect.objectContaining({ field: 'contact_match_length', rule: 'minimum' }),
      ]),
    });
    expect(JSON.stringify(findings)).not.toContain('-1');
  });

  it.each([[[1, 2]], [null], ['Acme'], [42]])(
    'fails on an answer that is not an object: %j',
    async (body) => {
      expect(await checkContract(body, '0.2.0')).toEqual([
        {
          check: 'contract',
          status: 'fail',
          summary: 'GET /tenant did not answer a JSON object',
          advice: 'check that the URL is the API base of a PBX (with its /api prefix)',
        },
      ]);
    },
  );
});
