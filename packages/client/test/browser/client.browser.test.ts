// The client in real Chromium (Debian's), as a page on another origin than the API loads it: the
// built bundle as an ES module, its validators' lazy chunk fetched on the first update, and every
// outcome a browser caller meets. The API allows the page's origin (CORS), ETag included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumForTests, startTestServer, type TestServer } from '@tenantctl/server/testing';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const chromium = await chromiumForTests();

describe.runIf('browser' in chromium)('the client in Chromium, on another origin', () => {
  const browser = (chromium as { browser: Browser }).browser;
  const bundleDir = mkdtempSync(join(tmpdir(), 'client-browser-'));
  let pageServer: Server;
  let pageOrigin = '';
  let api: TestServer;
  let page: Page;
  const loaded: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The client as a web app would ship it: one entry, the validators split off, everything bundled.
    await build({
      entryPoints: { client: new URL('../../src/index.ts', import.meta.url).pathname },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: bundleDir,
    });
    pageServer = createServer((request, response) => {
      const name = (request.url ?? '/').replace(/^\/+/, '');
      if (name === '') {
        response
          .writeHead(200, { 'Content-Type': 'text/html' })
          .end('<!doctype html><title>client test</title><link rel="icon" href="data:,">');
        return;
      }
      try {
        const file = readFileSync(join(bundleDir, name.replace(/^client\//, '')));
        response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(file);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    api = await startTestServer({ tenants: ['Browser Tenant'], corsOrigins: [pageOrigin] });
    page = await browser.newPage();
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      // A refused request is logged by the browser itself; the tests below provoke 401 and 412.
      if (message.type() === 'error' && !/status of (401|412)/.test(message.text()))
        consoleErrors.push(message.text());
    });
    await page.goto(`${pageOrigin}/`);
  });
  afterAll(async () => {
    await browser.close();
    await api?.close();
    pageServer?.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  /**
   * Runs `script` in the page with the client module as `client` and `args`; answers what it returns.
   * Handed over as text: a function would be rewritten by the test runner's transform on the way.
   */
  const inPage = <T>(script: string, args: Record<string, string> = {}) =>
    page.evaluate(`(async () => {
      const client = await import('/client/client.js');
      const args = ${JSON.stringify({ url: api.url, token: api.tenant.token, ...args })};
      ${script}
    })()`) as Promise<T>;

  it('reads the tenant', async () => {
    const name = await inPage<string>(
      `return (await client.createTenantClient({ baseUrl: args.url, token: args.token }).getTenant()).name;`,
    );
    expect(name).toBe('Browser Tenant');
  });

  it('reads the ETag across origins and updates with If-Match, loading the validators on first use', async () => {
    expect(loaded.filter((path) => path.startsWith('/client/'))).toEqual([
      '/client/client.js',
      ...loaded.filter((p) => p.startsWith('/client/chunk-')),
    ]);
    const result = await inPage<{ before: string | undefined; after: string | undefined }>(`
      const c = client.createTenantClient({ baseUrl: args.url, token: args.token });
      const { etag } = await c.getTenantWithETag();
      const updated = await c.updateTenant({ name: 'Renamed in a browser' }, { ifMatch: etag });
      return { before: etag, after: updated.etag };
    `);
    expect(result.before).toMatch(/^"\d+-[0-9a-f]+"$/);
    expect(result.after).toMatch(/^"\d+-[0-9a-f]+"$/);
    expect(result.after).not.toBe(result.before);
    expect((await api.stored()).name).toBe('Renamed in a browser');
    expect(loaded.some((path) => /^\/client\/validate-[\w-]+\.js$/.test(path))).toBe(true);
  });

  it('refuses an invalid update without sending it', async () => {
    api.requests.length = 0;
    const error = await inPage<{ kind: string; status: unknown; field: string }>(`
      try {
        await client.createTenantClient({ baseUrl: args.url, token: args.token }).updateTenant({ recording_retention: 0 });
      } catch (error) {
        return { kind: error.kind, status: error.status ?? null, field: error.violations[0].field };
      }
    `);
    expect(error).toEqual({ kind: 'validation', status: null, field: 'recording_retention' });
    expect(api.requests).toEqual([]);
  });

  it('says 401 for a token the server does not know', async () => {
    const error = await inPage<{ kind: string; status: number }>(`
      try {
        await client.createTenantClient({ baseUrl: args.url, token: 'not-a-token', retry: false }).getTenant();
      } catch (error) {
        return { kind: error.kind, status: error.status };
      }
    `);
    expect(error).toEqual({ kind: 'auth', status: 401 });
  });

  it('says 412 when someone else changed the tenant after it was read', async () => {
    const etag = await inPage<string>(
      `return (await client.createTenantClient({ baseUrl: args.url, token: args.token }).getTenantWithETag()).etag;`,
    );
    // Someone else, elsewhere, changes the tenant in between.
    await fetch(`${api.url}/tenant`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.tenant.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Changed elsewhere' }),
    });
    const error = await inPage<{ kind: string; status: number }>(
      `
      try {
        await client.createTenantClient({ baseUrl: args.url, token: args.token, retry: false })
          .updateTenant({ name: 'Stale write' }, { ifMatch: args.etag });
      } catch (error) {
        return { kind: error.kind, status: error.status };
      }
    `,
      { etag },
    );
    expect(error).toEqual({ kind: 'conflict', status: 412 });
    expect((await api.stored()).name).toBe('Changed elsewhere');
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});

if ('skipped' in chromium) {
  describe('the client in Chromium', () => {
    it.skip(`skipped outside CI: ${chromium.skipped}`, () => undefined);
  });
}
