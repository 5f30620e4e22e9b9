// Tier 2: `completion` prints the script for the shell asked (the scripts themselves: completion-scripts).
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/completion.js';
import { buildProgram } from '../../src/program.js';
import { harness } from '../support/harness.js';

const program = buildProgram(() => undefined);

async function completion(shell: string) {
  const h = harness();
  const code = await run({ shell, program }, h.deps);
  return { code, stdout: h.stdout };
}

describe('completion', () => {
  it.each([
    ['bash', '# tenantctl completion for bash'],
    ['zsh', '#compdef tenantctl'],
    ['fish', '# tenantctl completion for fish'],
  ])('prints the %s script', async (shell, start) => {
    const { code, stdout } = await completion(shell);
    expect(code).toBe(0);
    expect(stdout.startsWith(start)).toBe(true);
    expect(stdout).toContain('recording_retention');
  });

  it('refuses another shell (exit 2)', async () => {
    await expect(completion('powershell')).rejects.toMatchObject({
      exitCode: 2,
      message: 'no completion for "powershell": choose bash, zsh or fish',
    });
  });
});
