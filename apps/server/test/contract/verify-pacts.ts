// Runs Pact's verifier over every pact in a folder against a running server; no pacts is a failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';

const PROVIDER = 'tenant-api';

export function pactFiles(pactDir: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(pactDir);
  } catch {
    // a missing folder is the same as an empty one: reported below
  }
  return names.filter((name) => name.endsWith('.json')).map((name) => join(pactDir, name));
}

export async function verifyPacts(options: {
  pactDir: string;
  providerBaseUrl: string;
  stateHandlers: Record<string, () => Promise<unknown>>;
}): Promise<void> {
  const files = pactFiles(options.pactDir);
  // Pact's verifier passes when it is given nothing to verify; that must not count as a success.
  if (files.length === 0)
    throw new Error(`no pact files in ${options.pactDir}: run the consumer tests first`);
  await new Verifier({
    provider: PROVIDER,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: files,
    stateHandlers: options.stateHandlers,
    logLevel: 'warn',
  }).verifyProvider();
}
