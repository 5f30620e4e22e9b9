import { describe, expect, it } from 'vitest';
import {
  accountKeys,
  decideThrottle,
  type SignInFailure,
  type ThrottlePolicy,
} from '../../src/auth/sign-in-throttle.js';

const NOW = 1_000_000_000;
const policy: ThrottlePolicy = {
  failureLimit: 3,
  addressFailureLimit: 5,
  accountFailureLimit: 8,
  failureWindow: 100,
  knownAddressTtl: 1000,
};
const fail = (account: string, address: string, secondsAgo: number): SignInFailure => ({
  account,
  address,
  at: NOW - secondsAgo * 1000,
});
const times = (n: number, make: (i: number) => SignInFailure) => Array.from({ length: n }, (_, i) => make(i));

const cases: [string, { failures: SignInFailure[]; accounts?: string[]; known?: string[]; want: unknown }][] =
  [
    ['nothing counted', { failures: [], want: undefined }],
    [
      'two failures of the account from the address: not yet',
      { failures: times(2, (i) => fail('user:a', 'X', i)), want: undefined },
    ],
    [
      'three from the address: it waits until the oldest of the three leaves the window',
      {
        failures: [fail('user:a', 'X', 10), fail('user:a', 'X', 20), fail('user:a', 'X', 30)],
        want: { retryAfterSeconds: 70, reason: 'address' },
      },
    ],
    [
      'failures outside the window do not count',
      { failures: times(3, (i) => fail('user:a', 'X', 100 + i)), want: undefined },
    ],
    [
      'three from other addresses: this address is not held up',
      { failures: times(3, (i) => fail('user:a', `Y${i}`, i)), want: undefined },
    ],
    [
      'spraying: five failures from the address over five accounts',
      {
        failures: times(5, (i) => fail(`user:other${i}`, 'X', 50 - i)),
        want: { retryAfterSeconds: 50, reason: 'address' },
      },
    ],
    [
      'the account over its own limit from many addresses: a new address waits',
      {
        failures: times(8, (i) => fail('user:a', `Y${i}`, 80 - i)),
        want: { retryAfterSeconds: 20, reason: 'account' },
      },
    ],
    [
      'the same, from an address the account signed in from before: its owner gets in',
      { failures: times(8, (i) => fail('user:a', `Y${i}`, 80 - i)), known: ['user:a'], want: undefined },
    ],
    [
      'a name used in two tenants: either account held up from this address holds the sign-in',
      {
        failures: times(3, (i) => fail('user:b', 'X', i + 1)),
        accounts: ['user:a', 'user:b'],
        want: { retryAfterSeconds: 97, reason: 'address' },
      },
    ],
    [
      'both counters over: the longer wait, named by its counter',
      {
        failures: [
          ...times(8, (i) => fail('user:a', `Y${i}`, 5 + i)),
          ...times(3, () => fail('user:a', 'X', 90)),
        ],
        want: { retryAfterSeconds: 88, reason: 'account' },
      },
    ],
  ];

describe('decideThrottle', () => {
  for (const [name, { failures, accounts = ['user:a'], known = [], want }] of cases) {
    it(name, async () => {
      const decision = await decideThrottle(
        failures,
        { accounts, address: 'X', now: NOW },
        policy,
        async (account) => known.includes(account),
      );
      expect(decision).toEqual(want);
    });
  }

  it('asks whether the address is known only for an account over its own limit', async () => {
    const asked: string[] = [];
    await decideThrottle(
      times(8, (i) => fail('user:a', `Y${i}`, i)),
      { accounts: ['user:a', 'user:b'], address: 'X', now: NOW },
      policy,
      async (account) => {
        asked.push(account);
        return false;
      },
    );
    expect(asked).toEqual(['user:a']);
  });
});

describe('accountKeys', () => {
  it("is each user's own account, or the name asked for when no user has it", () => {
    expect(accountKeys(['u1', 'u2'], 'admin')).toEqual(['user:u1', 'user:u2']);
    expect(accountKeys([], 'admin')).toEqual(['name::admin']);
    expect(accountKeys([], 'admin', 'acme.test')).toEqual(['name:acme.test:admin']);
  });
});
