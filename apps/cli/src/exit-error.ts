// Exit codes and the error commands throw to end with one; src/main.ts alone calls process.exit.

/** The exit codes, documented in `--help` and the README. */
export const ExitCode = {
  ok: 0,
  /** The server refused or failed (and `diff`: something would change). */
  refused: 1,
  /** Usage or validation error: nothing was sent. */
  usage: 2,
  /** Authentication failed: no token, or the server rejected it. */
  auth: 3,
  /** The server could not be reached, or did not answer in time. */
  unreachable: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class ExitError extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new ExitError(ExitCode.usage, message);
