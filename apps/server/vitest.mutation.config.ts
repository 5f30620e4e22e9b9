// What mutation testing runs for each mutant of the modules an attacker probes (sign-in and its
// throttle, storage and its isolation, the tenant collection's roles, the direct GET): the tests that
// reach them in this process (the store contract on SQLite, the
// sign-in rules, the routes through app.inject, and the attack batteries over HTTP to an in-process
// server).
import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/auth/**/*.test.ts',
      'test/storage/**/*.test.ts',
      'test/trusted-proxies.test.ts',
      'test/tenants/**/*.test.ts',
      'test/direct-tenant-get.test.ts',
      'test/hardening/sign-in-attacks.test.ts',
      'test/hardening/auth-and-isolation.test.ts',
    ],
    // SQLite only: the PostgreSQL store is tested by the same contract in every `pnpm test`, but a
    // database per test file for each mutant would make this run last half a day.
    env: { TENANT_SERVER_TEST_NO_POSTGRES: '1' },
    ...testTimeouts(),
  },
});
