// Debian's Chromium (`apt-get install -y chromium`), driven by playwright-core: never a browser that a
// tool downloads. For the browser tests of every package.
import { existsSync } from 'node:fs';
import { PROCESS_START_MS, scaledMs } from '@tenantctl/mock';
import type { Browser } from 'playwright-core';

/** Where Debian puts Chromium; CHROMIUM_PATH overrides it. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** A headless Chromium that reaches nothing but what the tests start (background networking off). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    // Playwright waits for the browser's DevTools endpoint: its readiness signal, on the shared limit.
    timeout: scaledMs(PROCESS_START_MS),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * Chromium for a test file, or why there is none. In CI, no Chromium is a failure (CI installs it);
 * elsewhere the file's browser tests are skipped, and say so.
 */
export async function chromiumForTests(): Promise<{ browser: Browser } | { skipped: string }> {
  try {
    return { browser: await launchChromium() };
  } catch (error) {
    if (process.env.CI) throw error;
    return { skipped: `no browser here (${(error as Error).message})` };
  }
}
