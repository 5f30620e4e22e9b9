// Tier 2: `completion` prints scripts made from the program and the spec.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/completion.js';
import { buildProgram } from '../../src/program.js';
import { harness, scratch } from '../support/harness.js';

const program = buildProgram(() => undefined);

async function completion(shell: string) {
  const h = harness();
  const code = await run({ shell, program }, h.deps);
  return { code, stdout: h.stdout };
}

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])(
    'prints a %s script with the commands, options and spec fields',
    async (shell) => {
      const { code, stdout } = await completion(shell);
      expect(code).toBe(0);
      for (const word of ['recording_retention', 'apply', 'drop-read-only', 'explain'])
        expect(stdout).toContain(word);
    },
  );

  it('prints a bash script that bash accepts', async () => {
    const path = join(scratch, 'completion.bash');
    writeFileSync(path, (await completion('bash')).stdout);
    expect(() => execFileSync('bash', ['-n', path])).not.toThrow();
  });

  it('refuses another shell (exit 2)', async () => {
    await expect(completion('powershell')).rejects.toMatchObject({
      exitCode: 2,
      message: 'no completion for "powershell": choose bash, zsh or fish',
    });
  });
});
