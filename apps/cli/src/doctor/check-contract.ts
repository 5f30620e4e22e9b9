// The live `GET /tenant` answer against the spec this tenantctl was built from: fields the PBX sends
// that the spec lacks (a newer PBX), fields the spec has that the PBX leaves out, values the spec
// refuses (by rule, never echoing a value: it may be a secret), and the blanks (`null`).
import { tenantFields } from '@tenantctl/schema/fields';
import { type Finding, finding } from './finding.js';

const list = (names: readonly string[]) => names.join(', ');

export async function checkContract(body: unknown, toolVersion: string): Promise<Finding[]> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [
      finding('contract', 'fail', 'GET /tenant did not answer a JSON object', {
        advice: 'check that the URL is the API base of a PBX (with its /api prefix)',
      }),
    ];
  }
  const answer = body as Record<string, unknown>;
  const known = tenantFields()
    .filter((field) => field.readable)
    .map((field) => field.name);
  const knownSet = new Set(known);
  const sent = Object.keys(answer);
  const unknown = sent.filter((name) => !knownSet.has(name)).sort();
  const missing = known.filter((name) => !(name in answer));
  const blank = known.filter((name) => answer[name] === null);
  const { validateTenant } = await import('@tenantctl/schema/validate');
  // The object is open (a newer PBX adds fields): an unknown field is reported above, not as a violation.
  const refused = validateTenant(answer).violations.filter(
    (violation) => violation.rule !== 'additionalProperties',
  );

  const findings: Finding[] = [];
  if (refused.length > 0) {
    findings.push(
      finding(
        'contract',
        'fail',
        `${refused.length} value(s) the spec refuses: ${refused.map((v) => v.message).join('; ')}`,
        {
          advice:
            'the PBX and the spec disagree: report it with tenantctl doctor -o json; apply and set may refuse what get shows',
          data: {
            refused: refused.map(({ path, field, rule, message }) => ({ path, field, rule, message })),
          },
        },
      ),
    );
  }
  if (unknown.length > 0) {
    findings.push(
      finding(
        'contract',
        'warn',
        `this PBX speaks a newer API: ${unknown.length} field(s) unknown to tenantctl ${toolVersion}: ${list(unknown)}`,
        {
          advice:
            'get shows them and apply keeps them, but set cannot change them: upgrade tenantctl when a release knows them',
          data: { unknownFields: unknown },
        },
      ),
    );
  }
  if (missing.length > 0) {
    findings.push(
      finding(
        'contract',
        'warn',
        `${missing.length} field(s) of the spec missing from the answer: ${list(missing)}`,
        {
          advice: 'an older PBX, or fields it leaves out: tenantctl shows them as absent',
          data: { missingFields: missing },
        },
      ),
    );
  }
  if (findings.length === 0) {
    const blanks = blank.length === 0 ? 'none blank' : `${blank.length} blank (null): ${list(blank)}`;
    findings.push(
      finding('contract', 'ok', `GET /tenant matches the spec: ${sent.length} fields, ${blanks}`, {
        data: { fields: sent.length, blankFields: blank },
      }),
    );
  } else if (blank.length > 0) {
    findings.push(
      finding('contract', 'ok', `${blank.length} blank field(s) (null): ${list(blank)}`, {
        data: { blankFields: blank },
      }),
    );
  }
  return findings;
}
