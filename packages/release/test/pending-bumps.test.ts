import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingBumps } from '../src/pending-bumps.js';

const repo = mkdtempSync(join(tmpdir(), 'pending-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('pendingBumps', () => {
  it('is the highest bump each package gets from the changesets not versioned yet', async () => {
    mkdirSync(join(repo, '.changeset'));
    writeFileSync(join(repo, '.changeset/README.md'), '# not a changeset\n');
    writeFileSync(join(repo, '.changeset/a.md'), '---\n"@x/schema": patch\n"@x/client": minor\n---\n\nA.\n');
    writeFileSync(join(repo, '.changeset/b.md'), '---\n"@x/schema": minor\n---\n\nB.\n');
    writeFileSync(join(repo, '.changeset/c.md'), '---\n"@x/client": patch\n---\n\nC.\n');
    const bumps = await pendingBumps(repo);
    expect(Object.fromEntries(bumps)).toEqual({ '@x/schema': 'minor', '@x/client': 'minor' });
  });
});
