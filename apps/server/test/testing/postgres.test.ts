// The PostgreSQL fixture itself: a fresh database per call, and a crash the tests can cause and undo.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresForFile } from '../support/postgres.js';

const server = await postgresForFile();

async function ask(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(server)('startTestPostgres', () => {
  it('hands out new, empty databases on 127.0.0.1', async () => {
    const [one, two] = [await server?.createDatabase(), await server?.createDatabase()];
    expect(one).not.toBe(two);
    expect(new URL(one ?? '').hostname).toBe('127.0.0.1');
    expect(
      await ask(one ?? '', `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
    ).toEqual([{ n: 0 }]);
  });

  it.runIf(server?.owned)('crashes and comes back on the same files', async () => {
    const url = (await server?.createDatabase()) ?? '';
    await ask(url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await server?.crash();
    await expect(ask(url, 'SELECT 1')).rejects.toThrow();
    await server?.restart();
    expect(await ask(url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
  });

  it.runIf(server?.owned)(
    'goes away with a test process that exits without stopping it',
    async () => {
      const script = `
        import { startTestPostgres } from ${JSON.stringify(new URL('../../dist/testing/index.js', import.meta.url).href)};
        const left = await startTestPostgres();
        console.log(left.url);
        process.exit(0);
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let url = '';
      child.stdout.on('data', (chunk: Buffer) => {
        url += chunk.toString();
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres\n$/);
      await expect(ask(url.trim(), 'SELECT 1')).rejects.toThrow(/ECONNREFUSED|terminating|shut/);
    },
    30_000,
  );
});
