// What `tenantctl doctor` reports: one finding per line, grouped by check, each ✔, ⚠ or ✘ (or skipped
// when an earlier problem leaves nothing to check), with what to do about it.

export type CheckName = 'configuration' | 'reachability' | 'clock' | 'authentication' | 'contract';
export type FindingStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Finding {
  check: CheckName;
  status: FindingStatus;
  /** One line, never a secret. */
  summary: string;
  /** What to do about a warning or a failure. */
  advice?: string;
  /** The same finding as data, for `-o json`. */
  data?: Record<string, unknown>;
}

export const checkOrder: readonly CheckName[] = [
  'configuration',
  'reachability',
  'clock',
  'authentication',
  'contract',
];

export const finding = (
  check: CheckName,
  status: FindingStatus,
  summary: string,
  extra: Pick<Finding, 'advice' | 'data'> = {},
): Finding => ({ check, status, summary, ...extra });

/** Exit 1 when anything failed; warnings alone exit 0, so that monitoring pages only on a real problem. */
export function doctorExitCode(findings: readonly Finding[]): 0 | 1 {
  return findings.some((one) => one.status === 'fail') ? 1 : 0;
}
