// Exit codes and the errors commands throw to end with one; src/main.ts alone sets the exit code.
/** The exit codes, documented in `--help` and the README. */
export const ExitCode = {
  ok: 0,
  /** The server refused or failed (a read `diff` or `fleet plan` needed included). */
  refused: 1,
  /** Usage or validation error: nothing was sent. */
  usage: 2,
  /** Authentication failed: no token, or the server rejected it. */
  auth: 3,
  /** The server could not be reached, or did not answer in time. */
  unreachable: 4,
  /** Drift: something would change (`diff`, `fleet plan`), and everything needed was read. */
  drift: 5,
  /** Interrupted (Ctrl-C) after it had begun, what it did so far recorded (a fleet run). */
  interrupted: 130,
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

/** Nothing says where to connect, or with which token: not a mistake for `auth status`, just "signed out". */
export class NotConnectedError extends ExitError {}

/** A file that cannot be read, said in words (`no such file`) rather than as an errno code. */
export function unreadableFileError(what: string, error: unknown): ExitError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return usageError(`cannot read ${what}: ${(code && reasons[code]) ?? (error as Error).message}`);
}
