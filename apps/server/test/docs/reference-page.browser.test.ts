// The API reference page in real Chromium (Debian's): it loads with no console error and no request to
// another origin, shows the Tenant operations and every field of an update, and "try it" with a
// tenant's token shows that tenant.

import { readFileSync } from 'node:fs';
import { settableFieldNames } from '@tenantctl/schema';
import { specPath } from '@tenantctl/schema/spec-file';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chromiumForTests, startTestServer, type TestServer } from '../../src/testing/index.js';

const chromium = await chromiumForTests();
const spec = parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, { summary: string }>>;
};

describe.runIf('browser' in chromium)('the API reference in Chromium', () => {
  const browser = (chromium as { browser: Browser }).browser;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ tenants: ['Docs Tenant'] });
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('shows the operations and every field, asks no other origin, and "try it" shows the tenant', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    const origins = new Set<string>();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(`${server.url}/docs`, { waitUntil: 'networkidle' });

    const tenantPath = spec.paths['/tenant'] ?? {};
    for (const operation of [tenantPath.get, tenantPath.post]) {
      await page.getByRole('button', { name: operation?.summary }).first().waitFor({ state: 'visible' });
    }
    await page.getByRole('button', { name: tenantPath.post?.summary }).first().click();
    // What is rendered, not what the DOM holds hidden; the renderer draws the body's fields in steps.
    await page
      .waitForFunction(
        // biome-ignore lint/performance/useDomNodeTextContent: what is shown counts, not hidden DOM text
        (names) => names.every((name) => document.body.innerText.includes(name)),
        [...settableFieldNames()],
      )
      .catch(() => undefined); // the assertion below names what never showed
    // biome-ignore lint/performance/useDomNodeTextContent: what is shown counts, not hidden DOM text
    const text = await page.locator('body').innerText();
    const missing = settableFieldNames().filter((name) => !text.includes(name));
    expect(missing).toEqual([]);

    await page.getByPlaceholder('Token').first().fill(server.tenant.token);
    await page
      .getByRole('button', { name: /Test Request.*get \/tenant/ })
      .first()
      .click();
    await page.getByRole('button', { name: /^Send/ }).first().click();
    await page.getByText('"Docs Tenant"').first().waitFor({ state: 'visible' });

    expect(errors).toEqual([]);
    expect([...origins]).toEqual([new URL(server.url).origin]);
    expect(server.requests).toContain('GET /api/tenant');
    await page.close();
  });
});

if ('skipped' in chromium) {
  describe('the API reference in Chromium', () => {
    it.skip(`skipped outside CI: ${chromium.skipped}`, () => undefined);
  });
}
