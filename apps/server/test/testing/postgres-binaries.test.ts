import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { postgresBinaries } from '../../src/testing/postgres-binaries.js';

let binaries: Awaited<ReturnType<typeof postgresBinaries>> | undefined;
let missing = '';
try {
  binaries = await postgresBinaries();
} catch (error) {
  if (process.env.CI) throw error;
  missing = (error as Error).message.split('\n')[0] ?? '';
}

describe.runIf(binaries)("PostgreSQL's programs", () => {
  it('run as the user postgres when this process is root, as itself otherwise', () => {
    if (process.getuid?.() === 0) {
      expect(binaries?.runAs?.uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })));
    } else {
      expect(binaries?.runAs).toBeUndefined();
    }
  });

  it('are programs that user can run (copied where it can reach them when it could not)', () => {
    for (const program of [binaries?.initdb ?? '', binaries?.postgres ?? '']) {
      const version = execFileSync(program, ['--version'], { encoding: 'utf8', ...binaries?.runAs });
      expect(version).toMatch(/\(PostgreSQL\) 18\./);
    }
  });
});

if (!binaries) {
  describe("PostgreSQL's programs", () => {
    it.skip(`skipped outside CI: ${missing}`, () => undefined);
  });
}
