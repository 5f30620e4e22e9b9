// Attacks on signing in, over HTTP against the real server: wrong and malformed credentials, codes of
// other sign-ins, expired and over-tried codes, stolen and misused tokens, guessing until throttled,
// and the throttle turned against others (locking out other tenants' users, resetting it with an
// account of one's own, spraying, forged X-Forwarded-For). Clients come from their own loopback
// addresses (127.0.0.x: Linux routes all of 127/8 to lo), as distinct attackers would.
// Every answer must be the refusal the spec names (never a 5xx), and no password, code or token may
// show in any answer or log line. Prints its figures for the README.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createUser } from '../../src/admin.js';
import { latestCode, secretsShownIn, startTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
/** The same store behind a server that trusts 127.0.0.1 as its load balancer. */
let proxied: TestServer;
let clock = Date.parse('2026-11-30T12:00:00Z');
const secrets = new Set<string>();
const answers: { status: number; text: string }[] = [];
const PASSWORD = 'hunter2-but-longer';

interface Tokens {
  access_token: string;
  refresh_token: string;
}

async function call(
  path: string,
  init: { body?: unknown; raw?: string; token?: string; type?: string } = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method: path === '/tenant' || path === '/auth/user' ? 'GET' : 'POST',
    headers: {
      ...(init.body !== undefined || init.raw !== undefined
        ? { 'Content-Type': init.type ?? 'application/json' }
        : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  });
  const text = await response.text();
  answers.push({ status: response.status, text });
  return { status: response.status, text, retryAfter: response.headers.get('retry-after') };
}

const signIn = async (username: string, password = PASSWORD) => {
  const answer = await call('/auth/sign_in', { body: { username, password } });
  if (answer.status === 200) {
    const body = JSON.parse(answer.text) as Partial<Tokens> & { token?: string };
    for (const secret of [body.access_token, body.refresh_token, body.token]) if (secret) secrets.add(secret);
  }
  return answer;
};
const tokensOf = async (username: string) => JSON.parse((await signIn(username)).text) as Tokens;
const flowOf = async (username: string) => {
  const { token } = JSON.parse((await signIn(username)).text) as { token: string };
  await call('/auth/send_otp', { body: { token } });
  const code = (await latestCode(server.mailDir, username)) ?? '';
  secrets.add(code);
  return { token, code };
};
const errorMessage = (text: string) =>
  (JSON.parse(text) as { errors: { message: string }[] }).errors[0]?.message;

/**
 * A sign-in sent from the local address `from` (a client of its own), optionally with an
 * `X-Forwarded-For` header; counted in the battery's figures like every other answer.
 */
function signInFrom(
  target: TestServer,
  from: string,
  body: { username: string; password: string; domain?: string },
  forwardedFor?: string,
): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const url = new URL(`${target.url}/auth/sign_in`);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          answers.push({ status, text });
          if (status === 200) {
            const tokens = JSON.parse(text) as Partial<Tokens>;
            for (const secret of [tokens.access_token, tokens.refresh_token]) if (secret) secrets.add(secret);
          }
          const retryAfter = response.headers['retry-after'];
          resolve({ status, text, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

let tenantA = '';
let tenantB = '';

beforeAll(async () => {
  server = await startTestServer({ tenants: ['Target'], auth: { now: () => clock } });
  secrets.add(PASSWORD);
  const tenantId = server.tenant.id;
  for (const username of ['alice', 'guessed', 'throttled']) {
    await createUser(server.store, { tenantId, username, password: PASSWORD });
  }
  for (const username of ['tf-one', 'tf-two', 'tf-late', 'tf-many']) {
    await createUser(server.store, {
      tenantId,
      username,
      password: PASSWORD,
      twoFactor: true,
      email: `${username}@target.test`,
    });
  }
});
beforeAll(async () => {
  tenantA = (await createTenant(server.store, 'Tenant A')).id;
  tenantB = (await createTenant(server.store, 'Tenant B')).id;
  await server.store.mergeSettings(tenantA, { domain: 'a.pbx.test' });
  await server.store.mergeSettings(tenantB, { domain: 'b.pbx.test' });
  for (const tenantId of [tenantA, tenantB]) {
    await createUser(server.store, { tenantId, username: 'admin', password: PASSWORD });
  }
  await createUser(server.store, { tenantId: tenantA, username: 'mallory', password: PASSWORD });
  for (let i = 0; i < 25; i++) {
    await createUser(server.store, { tenantId: tenantB, username: `staff${i}`, password: PASSWORD });
  }
  proxied = await startTestServer({
    database: server.dbPath,
    trustProxy: ['127.0.0.1'],
    auth: { now: () => clock },
  });
});
afterAll(async () => {
  await proxied.close();
  await server.close();
});

describe('sign-in attacks', () => {
  it('wrong and malformed credentials: the same 401 for a wrong password and an unknown user, 400 naming the field', async () => {
    const wrong = await signIn('alice', 'not-it');
    const unknown = await signIn('nobody-here');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.text).toBe(wrong.text);
    for (const [body, field] of [
      [{ username: '', password: PASSWORD }, 'username'],
      [{ username: 'a'.repeat(65), password: PASSWORD }, 'username'],
      [{ username: 'alice\u0000', password: PASSWORD }, 'username'],
      [{ username: 'alice', password: '' }, 'password'],
      [{ username: 'alice', password: 'p'.repeat(257) }, 'password'],
      [{ username: 'alice' }, 'password'],
      [{ password: PASSWORD }, 'username'],
      [{ username: 'alice', password: PASSWORD, admin: true }, 'admin'],
      [{ username: 42, password: PASSWORD }, 'username'],
    ] as const) {
      const answer = await call('/auth/sign_in', { body });
      expect(answer.status).toBe(400);
      expect(errorMessage(answer.text)).toMatch(new RegExp(`^${field}\\b`));
    }
    expect((await call('/auth/sign_in', { raw: '{"username":' })).status).toBe(400);
    expect(
      (await call('/auth/sign_in', { raw: 'username=alice', type: 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(415);
  });

  it('codes: one of another sign-in, an expired one, and a sixth try (even the right code) are refused', async () => {
    const one = await flowOf('tf-one');
    const two = await flowOf('tf-two');
    expect(
      (
        await call('/auth/verify_otp', {
          body: { token: two.token, code: one.code === two.code ? '000000' : one.code },
        })
      ).status,
    ).toBe(401);
    expect((await call('/auth/verify_otp', { body: { token: 'tfl_forged', code: one.code } })).status).toBe(
      401,
    );
    expect((await call('/auth/send_otp', { body: { token: 'tfl_forged' } })).status).toBe(401);
    expect((await call('/auth/verify_otp', { body: { token: one.token, code: '12345' } })).status).toBe(400);

    const late = await flowOf('tf-late');
    clock += 301_000; // a code lives 300 s
    expect((await call('/auth/verify_otp', { body: { token: late.token, code: late.code } })).status).toBe(
      401,
    );

    const many = await flowOf('tf-many');
    const wrongCode = many.code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) {
      expect((await call('/auth/verify_otp', { body: { token: many.token, code: wrongCode } })).status).toBe(
        401,
      );
    }
    expect((await call('/auth/verify_otp', { body: { token: many.token, code: many.code } })).status).toBe(
      401,
    );
  });

  it('tokens: a reused refresh token ends the session; expired, swapped and signed-out tokens get 401', async () => {
    const first = await tokensOf('alice');
    const second = JSON.parse(
      (await call('/auth/refresh_token', { body: { refresh_token: first.refresh_token } })).text,
    ) as Tokens;
    secrets.add(second.access_token).add(second.refresh_token);
    // The first refresh token again: theft. The whole session ends, its newest tokens too.
    expect((await call('/auth/refresh_token', { body: { refresh_token: first.refresh_token } })).status).toBe(
      401,
    );
    expect((await call('/tenant', { token: second.access_token })).status).toBe(401);
    expect(
      (await call('/auth/refresh_token', { body: { refresh_token: second.refresh_token } })).status,
    ).toBe(401);

    const fresh = await tokensOf('alice');
    expect((await call('/tenant', { token: fresh.refresh_token })).status).toBe(401);
    expect((await call('/auth/refresh_token', { body: { refresh_token: fresh.access_token } })).status).toBe(
      401,
    );
    expect((await call('/auth/refresh_token', { body: { refresh_token: server.tenant.token } })).status).toBe(
      401,
    );
    expect((await call('/auth/user', { token: server.tenant.token })).status).toBe(401);
    clock += 1801_000; // an access token lives 1800 s
    expect((await call('/tenant', { token: fresh.access_token })).status).toBe(401);
    const renewed = JSON.parse(
      (await call('/auth/refresh_token', { body: { refresh_token: fresh.refresh_token } })).text,
    ) as Tokens;
    secrets.add(renewed.access_token).add(renewed.refresh_token);
    expect((await call('/tenant', { token: renewed.access_token })).status).toBe(200);
    expect((await call('/auth/sign_out', { token: renewed.access_token })).status).toBe(200);
    expect((await call('/tenant', { token: renewed.access_token })).status).toBe(401);
    expect(
      (await call('/auth/refresh_token', { body: { refresh_token: renewed.refresh_token } })).status,
    ).toBe(401);
  });

  it('guessing: after 5 failures in 15 minutes from one client, 429 with Retry-After, the right password too, until the window ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('throttled', `guess-${i}`)).status);
    clock += 60_000;
    const blocked = await signIn('throttled');
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBe(840);
    // Other names are not affected.
    expect((await signIn('guessed')).status).toBe(200);
    clock += 840_000;
    expect((await signIn('throttled')).status).toBe(200);
    // A success starts the count again: four more failures are not yet throttled.
    for (let i = 0; i < 4; i++) expect((await signIn('throttled', `again-${i}`)).status).toBe(401);
    expect((await signIn('throttled')).status).toBe(200);
  });

  it("one client's failures for a name used by two tenants lock out neither tenant's admin elsewhere", async () => {
    const attacker = '127.0.0.21';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await signInFrom(server, attacker, { username: 'admin', password: `wrong-${i}` })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // B's admin, from B's own address, signs in with the right password: not 429.
    const owner = await signInFrom(server, '127.0.0.22', {
      username: 'admin',
      password: PASSWORD,
      domain: 'b.pbx.test',
    });
    expect(owner.status).toBe(200);
    expect(
      (
        await signInFrom(server, '127.0.0.23', {
          username: 'admin',
          password: PASSWORD,
          domain: 'a.pbx.test',
        })
      ).status,
    ).toBe(200);
    clock += 900_000;
  });

  it("signing in to one's own account does not reset the count of guesses at another tenant's admin", async () => {
    const insider = '127.0.0.24'; // mallory, an admin of tenant A, guessing tenant B's admin
    const guesses: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        guesses.push(
          (
            await signInFrom(server, insider, {
              username: 'admin',
              password: `round-${round}-${i}`,
              domain: 'b.pbx.test',
            })
          ).status,
        );
      }
      expect(
        (await signInFrom(server, insider, { username: 'mallory', password: PASSWORD, domain: 'a.pbx.test' }))
          .status,
      ).toBe(200);
    }
    // Five guesses were refused, the seven after them throttled: no unlimited guessing.
    expect(guesses.filter((status) => status === 401)).toHaveLength(5);
    expect(guesses.filter((status) => status === 429)).toHaveLength(7);
    clock += 900_000;
  });

  it('spraying: an address failing over many user names waits, though no account reached its limit', async () => {
    const sprayer = '127.0.0.25';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (
          await signInFrom(server, sprayer, {
            username: `staff${i}`,
            password: 'Winter2026!',
            domain: 'b.pbx.test',
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The sprayer waits for every name, the right password included; the users themselves do not.
    expect(
      (await signInFrom(server, sprayer, { username: 'staff22', password: PASSWORD, domain: 'b.pbx.test' }))
        .status,
    ).toBe(429);
    expect(
      (
        await signInFrom(server, '127.0.0.26', {
          username: 'staff22',
          password: PASSWORD,
          domain: 'b.pbx.test',
        })
      ).status,
    ).toBe(200);
    clock += 900_000;
  });

  it('an account guessed from many addresses still lets in its owner, from an address it signed in from', async () => {
    const body = { username: 'staff24', password: PASSWORD, domain: 'b.pbx.test' };
    expect((await signInFrom(server, '127.0.0.30', body)).status).toBe(200); // the owner's usual address
    let refused = 0;
    for (let host = 40; host < 61; host++) {
      for (let i = 0; i < 5; i++) {
        const answer = await signInFrom(server, `127.0.0.${host}`, {
          ...body,
          password: `botnet-${host}-${i}`,
        });
        if (answer.status === 401) refused++;
      }
    }
    expect(refused).toBe(100); // the account limit: then addresses new to it wait
    const stranger = await signInFrom(server, '127.0.0.61', body);
    expect(stranger.status).toBe(429);
    expect(errorMessage(stranger.text)).toMatch(/addresses it has not signed in from/);
    expect((await signInFrom(server, '127.0.0.30', body)).status).toBe(200);
    clock += 900_000;
  });

  it('X-Forwarded-For is believed only from a trusted proxy: a forged one does not choose the address', async () => {
    const body = { username: 'staff23', password: 'forged', domain: 'b.pbx.test' };
    // Without --trust-proxy, a client that names a new address in every request is still one address.
    const forged: number[] = [];
    for (let i = 0; i < 6; i++) {
      forged.push((await signInFrom(server, '127.0.0.27', body, `198.51.100.${i + 1}`)).status);
    }
    expect(forged).toEqual([401, 401, 401, 401, 401, 429]);
    // Behind a trusted proxy (127.0.0.1), the client is the address the proxy names...
    const behind: number[] = [];
    for (let i = 0; i < 6; i++)
      behind.push((await signInFrom(proxied, '127.0.0.1', body, '198.51.100.50')).status);
    expect(behind).toEqual([401, 401, 401, 401, 401, 429]);
    expect(
      (await signInFrom(proxied, '127.0.0.1', { ...body, password: PASSWORD }, '198.51.100.51')).status,
    ).toBe(200);
    // ...and a client that prepends its own guess to the header is still known by the proxy's entry.
    expect(
      (
        await signInFrom(
          proxied,
          '127.0.0.1',
          { ...body, password: PASSWORD },
          '198.51.100.99, 198.51.100.50',
        )
      ).status,
    ).toBe(429);
    // A request from an address that is not the proxy: its header is ignored.
    expect(
      (await signInFrom(proxied, '127.0.0.28', { ...body, password: PASSWORD }, '198.51.100.50')).status,
    ).toBe(200);
    clock += 900_000;
  });

  it('no answer was a 5xx, and no password, code or token shows in an answer or a log line', () => {
    const byStatus = new Map<number, number>();
    for (const { status } of answers) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    expect([...byStatus.keys()].filter((status) => status >= 500)).toEqual([]);
    const refusals = answers
      .filter((a) => a.status >= 400)
      .map((a) => a.text)
      .join('\n');
    const logs = [...server.logs, ...proxied.logs].join('\n');
    expect(secretsShownIn(refusals, secrets)).toEqual([]);
    expect(secretsShownIn(logs, secrets)).toEqual([]);
    const counts = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ');
    console.log(
      `sign-in attacks: ${answers.length} requests (${counts}); 5xx: 0; ${secrets.size} secrets (password, codes, tokens) in 0 of ${answers.length} answers and 0 of ${server.logs.length + proxied.logs.length} log lines`,
    );
  });
});
