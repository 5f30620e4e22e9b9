// The PostgreSQL of a test file: started for it (or TENANT_SERVER_TEST_DATABASE_URL's), stopped after it.
// In CI a PostgreSQL that cannot start fails the file; elsewhere its tests are skipped, saying why.
import { afterAll, describe, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../src/testing/index.js';

export async function postgresForFile(): Promise<TestPostgres | undefined> {
  // Mutation testing runs on SQLite alone (see vitest.mutation.config.ts): a PostgreSQL per test file
  // for each of 1,600 mutants would take half a day. CI never sets this.
  if (process.env.TENANT_SERVER_TEST_NO_POSTGRES === '1' && !process.env.CI) {
    describe('PostgreSQL', () => {
      it.skip('skipped: TENANT_SERVER_TEST_NO_POSTGRES=1 (mutation testing runs on SQLite)', () => undefined);
    });
    return undefined;
  }
  try {
    const server = await startTestPostgres();
    afterAll(() => server.stop());
    return server;
  } catch (error) {
    if (process.env.CI) throw error;
    const reason = `PostgreSQL did not start here (${(error as Error).message.split('\n')[0]})`;
    describe('PostgreSQL', () => {
      it.skip(`skipped outside CI: ${reason}`, () => undefined);
    });
    console.warn(`skipping PostgreSQL tests: ${reason}`);
    return undefined;
  }
}
