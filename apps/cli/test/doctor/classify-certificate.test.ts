import { describe, expect, it } from 'vitest';
import { classifyCertificate } from '../../src/doctor/classify-certificate.js';

const now = Date.parse('2026-11-30T00:00:00Z');
const certificate = (validTo: string, cn = 'pbx.example.com', issuer = 'Example CA') => ({
  subject: { CN: cn } as never,
  issuer: { CN: issuer } as never,
  valid_to: validTo,
});

describe('classifyCertificate', () => {
  it('is fine for a trusted certificate with a month or more left, naming subject, issuer and days', () => {
    expect(
      classifyCertificate({ authorized: true, certificate: certificate('Dec 30 00:00:00 2026 GMT') }, now),
    ).toMatchObject({
      status: 'ok',
      summary: 'TLS: certificate for pbx.example.com, issued by Example CA, expires 2026-12-30 (in 30 days)',
      data: { daysLeft: 30 },
    });
  });

  it('warns when a trusted certificate expires within 30 days', () => {
    expect(
      classifyCertificate({ authorized: true, certificate: certificate('Dec 10 00:00:00 2026 GMT') }, now),
    ).toMatchObject({ status: 'warn', advice: expect.stringContaining('renew') });
  });

  it('names a self-signed certificate and how to trust it', () => {
    const result = classifyCertificate(
      {
        authorized: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        certificate: certificate('Dec 30 00:00:00 2126 GMT', 'pbx.lab', 'pbx.lab'),
      },
      now,
    );
    expect(result).toMatchObject({
      status: 'fail',
      summary:
        'TLS: the certificate for pbx.lab is self-signed (issued by pbx.lab), not from a CA this machine trusts',
      data: { selfSigned: true },
    });
    expect(result.advice).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('names an expired certificate with the day it expired', () => {
    expect(
      classifyCertificate(
        {
          authorized: false,
          authorizationError: 'CERT_HAS_EXPIRED',
          certificate: certificate('Feb  1 00:00:00 2024 GMT'),
        },
        now,
      ),
    ).toMatchObject({
      status: 'fail',
      summary: 'TLS: the certificate for pbx.example.com expired on 2024-02-01 (1033 days ago)',
      data: { expired: true },
    });
  });

  it("names another refusal by Node's code, and a certificate for another host", () => {
    expect(
      classifyCertificate(
        {
          authorized: false,
          authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
          certificate: certificate('Dec 30 00:00:00 2027 GMT'),
        },
        now,
      ),
    ).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('is refused: UNABLE_TO_GET_ISSUER_CERT_LOCALLY'),
    });
    expect(
      classifyCertificate(
        {
          authorized: true,
          identityError: "Host: pbx.other is not in the cert's altnames",
          certificate: certificate('Dec 30 00:00:00 2027 GMT'),
        },
        now,
      ),
    ).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('not for this host'),
    });
  });
});
