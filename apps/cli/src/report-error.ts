// Turns any error into one message on stderr (what went wrong, what to do) and the exit code.
import type { TenantApiError, Violation } from '@tenantctl/client';
import { ExitCode, type ExitCodeValue, ExitError } from './exit-error.js';
import type { Io } from './io.js';

function listViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `  - ${v.message}`).join('\n');
}

/** The message and exit code for an error of the client (matched by name: the client is loaded lazily). */
function fromClientError(
  error: TenantApiError & { violations?: readonly Violation[] },
  hint: string,
): [string, ExitCodeValue] {
  switch (error.name) {
    case 'TenantValidationError':
      return error.status === undefined
        ? [`invalid settings, nothing was sent:\n${listViolations(error.violations ?? [])}`, ExitCode.usage]
        : [
            `${error.status}: the server refused the update:\n${listViolations(error.violations ?? [])}`,
            ExitCode.refused,
          ];
    case 'TenantAuthError':
      return [
        `${error.status ?? 'no request'}: the token was rejected — check ${hint || 'TENANTCTL_TOKEN'} or run tenantctl config set (${error.message})`,
        ExitCode.auth,
      ];
    case 'TenantConflictError':
      return [
        'conflict: the tenant was changed by someone else since it was read; nothing was changed. Run the command again to see the new state.',
        ExitCode.refused,
      ];
    case 'TenantNetworkError':
      return [
        `cannot reach ${error.url}: ${error.message} — is the server running? check --url or TENANTCTL_URL`,
        ExitCode.unreachable,
      ];
    case 'TenantTimeoutError':
      return [
        `${error.url} did not answer in time (${error.message}) — try again, or raise --timeout`,
        ExitCode.unreachable,
      ];
    default:
      return [`${error.message} (${error.method} ${error.url})`, ExitCode.refused];
  }
}

export function reportError(
  error: unknown,
  io: Pick<Io, 'err'> & { verbose: boolean },
  tokenHint = '',
): ExitCodeValue {
  let message: string;
  let code: ExitCodeValue;
  if (error instanceof ExitError) {
    [message, code] = [error.message, error.exitCode];
  } else if (error instanceof Error && error.name.startsWith('Tenant') && 'method' in error) {
    [message, code] = fromClientError(error as TenantApiError, tokenHint);
  } else {
    [message, code] = [
      `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      ExitCode.refused,
    ];
  }
  io.err(`tenantctl: ${message}`);
  if (io.verbose && error instanceof Error && error.stack) io.err(error.stack);
  return code;
}
