// Takes the README's picture of the API reference: the real page of a real server, in Debian's
// Chromium, written to docs/api-reference.png at the repository root. `pnpm build` first.
import { launchChromium, startTestServer } from '../dist/testing/index.js';

const out = new URL('../../../docs/api-reference.png', import.meta.url).pathname;
const server = await startTestServer({ tenants: ['Acme Corporation'] });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/docs`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Update a tenant' }).first().click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`${out} (from ${server.url}/docs)`);
} finally {
  await browser.close();
  await server.close();
}
