// API tokens: random, shown once, stored only as their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return `tnt_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

// RFC 9110 §11.1: the scheme is case-insensitive; RFC 6750 token68 characters.
const bearerHeader = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an `Authorization: Bearer …` header, or undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? bearerHeader.exec(header)?.[1] : undefined;
}
