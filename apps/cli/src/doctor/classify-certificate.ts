// A TLS server's certificate as an operator needs to hear about it: whom it is for, who issued it, how
// long it lasts, and, when Node would refuse it, why in words (self-signed, expired, another name).
import type { PeerCertificate } from 'node:tls';
import { type Finding, finding } from './finding.js';

export interface TlsOutcome {
  authorized: boolean;
  /** Node's code for why it would refuse the certificate (`DEPTH_ZERO_SELF_SIGNED_CERT`…). */
  authorizationError?: string;
  /** The name check's error, if the certificate is not for the host asked for. */
  identityError?: string;
  certificate: Pick<PeerCertificate, 'subject' | 'issuer' | 'valid_to'>;
}

const DAY_MS = 86_400_000;
const SOON_DAYS = 30;
const TRUST_ADVICE =
  "if this is your PBX's own certificate, trust it for tenantctl: NODE_EXTRA_CA_CERTS=/path/to/its-ca.pem (or install a certificate from a public CA on the PBX)";

function nameOf(entity: PeerCertificate['subject'] | undefined): string {
  const name = entity?.CN ?? entity?.O;
  return (Array.isArray(name) ? name.join(', ') : name) ?? '(no name)';
}

export function classifyCertificate(outcome: TlsOutcome, now = Date.now()): Finding {
  const { certificate } = outcome;
  const subject = nameOf(certificate.subject);
  const issuer = nameOf(certificate.issuer);
  const expires = new Date(certificate.valid_to);
  const daysLeft = Math.floor((expires.getTime() - now) / DAY_MS);
  const expiry = `${expires.toISOString().slice(0, 10)} (${daysLeft >= 0 ? `in ${daysLeft} days` : `${-daysLeft} days ago`})`;
  const data = {
    subject,
    issuer,
    validTo: expires.toISOString(),
    daysLeft,
    error: outcome.authorizationError ?? outcome.identityError,
  };
  const code = outcome.authorizationError;
  if (code === 'CERT_HAS_EXPIRED' || (!outcome.authorized && daysLeft < 0)) {
    return finding('reachability', 'fail', `TLS: the certificate for ${subject} expired on ${expiry}`, {
      advice: 'renew the certificate on the PBX; tenantctl refuses an expired one',
      data: { ...data, expired: true },
    });
  }
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return finding(
      'reachability',
      'fail',
      `TLS: the certificate for ${subject} is self-signed (issued by ${issuer}), not from a CA this machine trusts`,
      {
        advice: TRUST_ADVICE,
        data: { ...data, selfSigned: true },
      },
    );
  }
  if (code) {
    return finding(
      'reachability',
      'fail',
      `TLS: the certificate for ${subject} (issued by ${issuer}) is refused: ${code}`,
      {
        advice: TRUST_ADVICE,
        data,
      },
    );
  }
  if (outcome.identityError) {
    return finding(
      'reachability',
      'fail',
      `TLS: the certificate is for ${subject}, not for this host: ${outcome.identityError}`,
      {
        advice: 'use the URL with the name the certificate is for, or get a certificate for this name',
        data,
      },
    );
  }
  const summary = `TLS: certificate for ${subject}, issued by ${issuer}, expires ${expiry}`;
  return daysLeft < SOON_DAYS
    ? finding('reachability', 'warn', summary, { advice: 'renew the certificate on the PBX soon', data })
    : finding('reachability', 'ok', summary, { data });
}
