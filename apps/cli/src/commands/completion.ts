// `tenantctl completion bash|zsh|fish`: a script made from the program and the spec (see
// completion-model.ts and completion-scripts.ts).
import type { CommandDeps } from '../command-deps.js';
import { completionModel } from '../completion-model.js';
import { bashScript, fishScript, zshScript } from '../completion-scripts.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import type { CompletionOptions } from '../program.js';

const scripts = { bash: bashScript, zsh: zshScript, fish: fishScript };

export async function run(
  { shell, program }: CompletionOptions,
  { io }: CommandDeps,
): Promise<ExitCodeValue> {
  const render = scripts[shell as keyof typeof scripts];
  if (!render) throw usageError(`no completion for "${shell}": choose bash, zsh or fish`);
  io.out(render(completionModel(program, Object.keys(scripts))));
  return ExitCode.ok;
}
