// The entry: parses argv, runs the command, maps any error to its message and exit code.
// The only place that sets the process's exit code.
import { CommanderError } from 'commander';
import { ExitCode, type ExitCodeValue } from './exit-error.js';
import { processIo } from './io.js';
import { buildProgram, type Runner } from './program.js';

async function main(argv: string[]): Promise<ExitCodeValue> {
  let chosen: { runner: Runner; verbose: boolean; color: boolean } | undefined;
  const program = buildProgram((runner, globals) => {
    chosen = { runner, ...globals };
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here too, with code 0; usage mistakes (already printed) with 2.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    throw error;
  }
  if (!chosen) return ExitCode.ok;
  const io = processIo({ color: chosen.color, verbose: chosen.verbose });
  try {
    return await chosen.runner(io);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    return reportError(error, io);
  }
}

// A reader that stops early (`tenantctl explain | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv);
