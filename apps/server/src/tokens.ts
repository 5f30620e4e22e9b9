// Bearer tokens: random, shown once, stored only as their SHA-256. The prefix says what a token is
// for (an API token, a session's access or refresh token, a sign-in flow) to the people who see one.
import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'tnt' | 'tat' | 'trt' | 'tfl';

/** 256 random bits behind a prefix: `tnt_` API token, `tat_` access, `trt_` refresh, `tfl_` sign-in flow. */
export function newToken(kind: TokenKind = 'tnt'): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
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
