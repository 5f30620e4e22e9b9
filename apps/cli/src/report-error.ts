// Turns any error into one message on stderr (what went wrong, what to do) and the exit code.
import type { TenantApiError, TenantValidationError } from '@tenantctl/client';
import { formatViolations } from '@tenantctl/schema/fields';
import { ExitCode, type ExitCodeValue, ExitError } from './exit-error.js';
import { invalidSettingsError } from './invalid-settings.js';
import type { Io } from './io.js';

/** What the CLI knew when the error happened, for advice (never a secret). */
export interface ErrorContext {
  /** Where the token came from, e.g. `TENANTCTL_TOKEN` or `--token-file /etc/pbx-token`. */
  tokenSource?: string;
  /** The command that signs in again, when the token came from a session. */
  signIn?: string;
}

function isClientError(error: unknown): error is TenantApiError {
  // Matched by shape, not class: the client is loaded lazily and may not be loaded at all.
  return (
    error instanceof Error && typeof (error as { kind?: unknown }).kind === 'string' && 'method' in error
  );
}

/** ` (what the server said)` when it said something the message does not say already, else nothing. */
function said(error: TenantApiError, alreadySaid = ''): string {
  const plain = (text: string) => text.toLowerCase().replace(/[.\s]+$/, '');
  const known = plain(alreadySaid);
  const messages = error.errors
    .map((item) => item.message)
    .filter((message) => message && !known.includes(plain(message)));
  return messages.length > 0 ? ` (${messages.join('; ')})` : '';
}

/** The message and exit code for an error of the client, by its kind. */
function fromClientError(error: TenantApiError, context: ErrorContext): [string, ExitCodeValue] {
  const source = context.tokenSource ?? 'the token';
  switch (error.kind) {
    case 'validation': {
      const { violations } = error as TenantValidationError;
      if (error.status === undefined) return [invalidSettingsError(violations).message, ExitCode.usage];
      return [
        `${error.status}: the server refused the update:\n${formatViolations(violations)}`,
        ExitCode.refused,
      ];
    }
    case 'auth': {
      const advice = context.signIn
        ? `run ${context.signIn}`
        : 'check that token, or run tenantctl config set';
      return error.status === undefined
        ? [`the token from ${source} cannot be used: ${error.message}`, ExitCode.auth]
        : [
            `${error.status}: the server rejected the token from ${source}${said(error)}; ${advice}`,
            ExitCode.auth,
          ];
    }
    case 'sign-in':
      // Wrong password, a refused code, an ended session: in every case, signing in again is the way on.
      return [
        `${error.message}${said(error, error.message)}: run ${context.signIn ?? 'tenantctl auth login'}`,
        ExitCode.auth,
      ];
    case 'forbidden': {
      // /tenant refused to a system user's session (it acts on no tenant of its own), or /tenants to
      // a tenant's own account.
      const advice = /\/tenant(\/status)?$/.test(error.url ?? '')
        ? 'a SystemAdmin or a Dealer names the tenant: --tenant ID|NAME'
        : "this needs a SystemAdmin or a Dealer: a tenant's own users and API tokens reach only their tenant";
      return [`${error.message} (${error.method} ${error.url}); ${advice}`, ExitCode.refused];
    }
    case 'throttled':
      return [`${error.message} (${error.method} ${error.url})`, ExitCode.refused];
    case 'conflict':
      return [
        'conflict: the tenant was changed by someone else since it was read; nothing was changed. Run the command again to see the new state.',
        ExitCode.refused,
      ];
    case 'network':
      return [
        `cannot reach ${error.url}: ${error.message} — is the server running? check --url or TENANTCTL_URL`,
        ExitCode.unreachable,
      ];
    case 'timeout':
      return [
        `${error.url} did not answer in time (${error.message}) — try again, or raise --timeout`,
        ExitCode.unreachable,
      ];
    default:
      return [`${error.message} (${error.method} ${error.url})`, ExitCode.refused];
  }
}

/** What went wrong and what to do, and the exit code it means: for any error, in one place. */
export function explainError(error: unknown, context: ErrorContext = {}): [string, ExitCodeValue] {
  if (error instanceof ExitError) return [error.message, error.exitCode];
  if (isClientError(error)) return fromClientError(error, context);
  return [`unexpected error: ${error instanceof Error ? error.message : String(error)}`, ExitCode.refused];
}

export function reportError(
  error: unknown,
  io: Pick<Io, 'err' | 'verbose'>,
  context: ErrorContext = {},
): ExitCodeValue {
  const [message, code] = explainError(error, context);
  io.err(`tenantctl: ${message}`);
  if (io.verbose && error instanceof Error && error.stack) io.err(error.stack);
  return code;
}
