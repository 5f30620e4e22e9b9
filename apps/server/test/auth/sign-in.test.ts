// The rules of signing in, on the real SQLite store, with a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant, createUser } from '../../src/admin.js';
import type { CodeMailer } from '../../src/auth/code-mail.js';
import {
  createSignInService,
  defaultSignInPolicy,
  type IssuedTokens,
  type SignInRequest,
  type SignInService,
} from '../../src/auth/sign-in.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite-store.js';
import { hashToken } from '../../src/tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-sign-in-'));
let store: SqliteStore;
let service: SignInService;
let clock = Date.parse('2026-11-30T12:00:00Z');
const mailed: { username: string; code: string }[] = [];
const mailer: CodeMailer = {
  send: async (user, code) => void mailed.push({ username: user.username, code }),
};
let tenantId = '';
// Addresses are only strings to the service (TEST-NET ranges: nothing is sent anywhere).
const CLIENT = '198.51.100.1';
let otherTenantId = '';

beforeAll(async () => {
  store = openSqliteStore({ path: join(dir, 't.db') });
  tenantId = (await createTenant(store, 'Acme')).id;
  otherTenantId = (await createTenant(store, 'Other')).id;
  await store.mergeSettings(tenantId, { domain: 'acme.pbx.test' });
  await store.mergeSettings(otherTenantId, { domain: 'other.pbx.test' });
  await createUser(store, { tenantId, username: 'alice', password: 'alice-password' });
  await createUser(store, { tenantId, username: 'bob', password: 'bob-password' });
  await createUser(store, {
    tenantId,
    username: 'tf',
    password: 'tf-password',
    twoFactor: true,
    email: 'tf@acme.test',
  });
  await createUser(store, { tenantId, username: 'shared', password: 'same' });
  await createUser(store, { tenantId: otherTenantId, username: 'shared', password: 'same' });
});
// A service per test, on the one store: built inside the test's run, so that mutation testing sees
// each test reach the service's own code (one built in beforeAll counts for no test).
beforeEach(() => {
  service = createSignInService(store, mailer, defaultSignInPolicy, () => clock);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A sign-in from the test's client address unless another is given. */
const signIn = (request: Omit<SignInRequest, 'address'> & { address?: string }) =>
  service.signIn({ address: CLIENT, ...request });

async function tokensOf(username: string, password: string): Promise<IssuedTokens> {
  const result = await signIn({ username, password });
  if (result.outcome !== 'tokens') throw new Error(`expected tokens, got ${result.outcome}`);
  return result.tokens;
}

describe('signIn', () => {
  it('gives a session: an access token for 30 minutes and a refresh token, of their own kinds', async () => {
    const tokens = await tokensOf('alice', 'alice-password');
    expect(tokens).toEqual({
      token_type: 'Bearer',
      access_token: expect.stringMatching(/^tat_[\w-]{43}$/),
      refresh_token: expect.stringMatching(/^trt_[\w-]{43}$/),
      expires_in: 1800,
    });
    expect((await service.user(tokens.access_token))?.username).toBe('alice');
    expect(await store.findTokenOwner(hashToken(tokens.access_token), clock)).toMatchObject({ tenantId });
    expect(await store.findTokenOwner(hashToken(tokens.access_token), clock + 1800 * 1000)).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike', async () => {
    expect(await signIn({ username: 'alice', password: 'nope' })).toEqual({ outcome: 'refused' });
    expect(await signIn({ username: 'nobody', password: 'nope' })).toEqual({ outcome: 'refused' });
  });

  it('asks for the domain only when the password fits users of several tenants', async () => {
    expect(await signIn({ username: 'shared', password: 'same' })).toEqual({
      outcome: 'domain-needed',
    });
    expect((await signIn({ username: 'shared', password: 'same', domain: 'other.pbx.test' })).outcome).toBe(
      'tokens',
    );
    expect(await signIn({ username: 'shared', password: 'same', domain: 'nowhere.test' })).toEqual({
      outcome: 'refused',
    });
  });

  it('throttles an address after 5 failures for one account within 15 minutes, until the window ends', async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn({ username: 'bob', password: `wrong${i}` })).outcome).toBe('refused');
    expect(await signIn({ username: 'bob', password: 'bob-password' })).toEqual({
      outcome: 'throttled',
      retryAfterSeconds: 900,
      reason: 'address',
    });
    clock += 600_000;
    expect(await signIn({ username: 'bob', password: 'bob-password' })).toMatchObject({
      outcome: 'throttled',
      retryAfterSeconds: 300,
    });
    // Another account from the same address, and the same account from another address, are not.
    expect((await signIn({ username: 'alice', password: 'alice-password' })).outcome).toBe('tokens');
    expect(
      (await signIn({ username: 'bob', password: 'bob-password', address: '198.51.100.2' })).outcome,
    ).toBe('tokens');
    clock += 300_000;
    expect((await signIn({ username: 'bob', password: 'bob-password' })).outcome).toBe('tokens');
    for (let i = 0; i < 4; i++) await signIn({ username: 'bob', password: 'wrong' });
    expect((await signIn({ username: 'bob', password: 'bob-password' })).outcome).toBe('tokens'); // reset
    for (let i = 0; i < 4; i++)
      expect((await signIn({ username: 'bob', password: 'wrong' })).outcome).toBe('refused');
    clock += 900_000;
  });

  it('counts a name used in two tenants once per account: the address waits, not the other tenant', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 5; i++) {
      expect((await signIn({ username: 'shared', password: `guess${i}`, address: attacker })).outcome).toBe(
        'refused',
      );
    }
    expect((await signIn({ username: 'shared', password: 'same', address: attacker })).outcome).toBe(
      'throttled',
    );
    // The other tenant's user, from their own address, signs in.
    expect(
      (await signIn({ username: 'shared', password: 'same', domain: 'other.pbx.test', address: CLIENT }))
        .outcome,
    ).toBe('tokens');
    clock += 900_000;
  });

  it('a success clears only its own account: signing in to your own account does not reset guessing another', async () => {
    const guesser = '203.0.113.10';
    await createUser(store, { tenantId: otherTenantId, username: 'mallory', password: 'mallory-password' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) {
        await signIn({
          username: 'shared',
          password: `r${round}-${i}`,
          domain: 'acme.pbx.test',
          address: guesser,
        });
      }
      expect(
        (await signIn({ username: 'mallory', password: 'mallory-password', address: guesser })).outcome,
      ).toBe('tokens');
    }
    expect(
      await signIn({ username: 'shared', password: 'same', domain: 'acme.pbx.test', address: guesser }),
    ).toMatchObject({ outcome: 'throttled', reason: 'address' });
    clock += 900_000;
  });
});

describe('second factor', () => {
  async function flow(): Promise<string> {
    const result = await signIn({ username: 'tf', password: 'tf-password' });
    if (result.outcome !== 'second-factor') throw new Error(result.outcome);
    expect(result.token).toMatch(/^tfl_/);
    return result.token;
  }
  const code = () => mailed.at(-1)?.code ?? '';

  it('mails a six-digit code and signs in with it, once', async () => {
    const token = await flow();
    expect(await service.sendCode(token)).toBe('sent');
    expect(mailed.at(-1)).toEqual({ username: 'tf', code: expect.stringMatching(/^\d{6}$/) });
    const tokens = await service.verifyCode(token, code());
    expect(tokens).toMatchObject({ token_type: 'Bearer' });
    expect(await service.verifyCode(token, code())).toBe('refused'); // the flow is over
  });

  it('refuses a code before one was sent, for another flow, or for an unknown flow', async () => {
    const first = await flow();
    expect(await service.verifyCode(first, '000000')).toBe('refused');
    const second = await flow();
    await service.sendCode(second);
    expect(await service.verifyCode(first, code())).toBe('refused');
    expect(await service.verifyCode('tfl_unknown', code())).toBe('refused');
    expect(await service.sendCode('tfl_unknown')).toBe('refused');
  });

  it('refuses a code after 5 minutes', async () => {
    const token = await flow();
    await service.sendCode(token);
    clock += 300_000;
    expect(await service.verifyCode(token, code())).toBe('refused');
  });

  it('allows 5 tries: the sixth is refused even when right, and the flow ends', async () => {
    const token = await flow();
    await service.sendCode(token);
    const right = code();
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expect(await service.verifyCode(token, wrong)).toBe('refused');
    expect(await service.verifyCode(token, wrong)).toBe('refused'); // the fifth
    expect(await service.verifyCode(token, right)).toBe('refused'); // the sixth
    expect(await service.sendCode(token)).toBe('refused');
  });

  it('counts tries, not failures: a wrong code, then the right one on the fifth try, signs in', async () => {
    const token = await flow();
    await service.sendCode(token);
    const right = code();
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expect(await service.verifyCode(token, wrong)).toBe('refused');
    expect(await service.verifyCode(token, right)).toMatchObject({ token_type: 'Bearer' });
  });

  it('mails the code with how long it lasts, in minutes', async () => {
    const minutes: number[] = [];
    const timed = createSignInService(
      store,
      { send: async (_user, _code, validMinutes) => void minutes.push(validMinutes) },
      defaultSignInPolicy,
      () => clock,
    );
    const result = await timed.signIn({ username: 'tf', password: 'tf-password', address: CLIENT });
    if (result.outcome !== 'second-factor') throw new Error(result.outcome);
    expect(await timed.sendCode(result.token)).toBe('sent');
    expect(minutes).toEqual([5]);
  });

  it('a code can be sent again, until the flow has had its five tries', async () => {
    const token = await flow();
    expect(await service.sendCode(token)).toBe('sent');
    const wrong = code() === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) await service.verifyCode(token, wrong);
    expect(await service.sendCode(token)).toBe('sent');
    expect(await service.verifyCode(token, code())).toMatchObject({ token_type: 'Bearer' });
  });

  it('ends after 10 minutes however the code fares', async () => {
    const token = await flow();
    clock += 600_000;
    expect(await service.sendCode(token)).toBe('refused');
  });
});

describe('refresh and sign-out', () => {
  it('rotates: the new pair works, the old access token stops, the old refresh token cannot be used again', async () => {
    const first = await tokensOf('alice', 'alice-password');
    const second = await service.refresh(first.refresh_token);
    if (second === 'refused') throw new Error('refused');
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await service.user(first.access_token)).toBeUndefined();
    expect((await service.user(second.access_token))?.username).toBe('alice');
    // Reusing the rotated token ends the whole session: the newest tokens stop too.
    expect(await service.refresh(first.refresh_token)).toBe('refused');
    expect(await service.user(second.access_token)).toBeUndefined();
    expect(await service.refresh(second.refresh_token)).toBe('refused');
  });

  it('keeps token kinds apart: a refresh token is no access token, and the reverse', async () => {
    const tokens = await tokensOf('alice', 'alice-password');
    expect(await service.user(tokens.refresh_token)).toBeUndefined();
    expect(await store.findTokenOwner(hashToken(tokens.refresh_token), clock)).toBeUndefined();
    expect(await service.refresh(tokens.access_token)).toBe('refused');
    expect((await service.user(tokens.access_token))?.username).toBe('alice'); // the session still stands
  });

  it('refuses a refresh token after 30 days unused', async () => {
    const tokens = await tokensOf('alice', 'alice-password');
    clock += 30 * 24 * 3600 * 1000;
    expect(await service.refresh(tokens.refresh_token)).toBe('refused');
  });

  it('signs out: the access and refresh tokens stop', async () => {
    const tokens = await tokensOf('alice', 'alice-password');
    expect(await service.signOut(tokens.access_token)).toBe(true);
    expect(await service.signOut(tokens.access_token)).toBe(false);
    expect(await service.user(tokens.access_token)).toBeUndefined();
    expect(await service.refresh(tokens.refresh_token)).toBe('refused');
  });
});
