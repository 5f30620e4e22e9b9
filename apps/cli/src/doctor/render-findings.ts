// The findings for a person (grouped by check, a mark per line, advice beneath) or as JSON for monitoring.
import type { Io } from '../io.js';
import { type CheckName, checkOrder, type Finding } from './finding.js';

const titles: Record<CheckName, string> = {
  configuration: 'Configuration',
  reachability: 'Reachability',
  clock: 'Clock',
  authentication: 'Authentication',
  contract: 'Contract',
};

export function renderFindings(findings: readonly Finding[], heading: string, color: Io['color']): string {
  const marks = { ok: color.green('✔'), warn: color.yellow('⚠'), fail: color.red('✘'), skip: color.dim('–') };
  const lines = [heading];
  for (const check of checkOrder) {
    const own = findings.filter((one) => one.check === check);
    if (own.length === 0) continue;
    lines.push('', color.bold(titles[check]));
    for (const one of own) {
      lines.push(`  ${marks[one.status]} ${one.summary}`);
      if (one.advice && one.status !== 'ok') lines.push(`    → ${one.advice}`);
    }
  }
  const count = (status: Finding['status']) => findings.filter((one) => one.status === status).length;
  const [fails, warns] = [count('fail'), count('warn')];
  lines.push(
    '',
    fails + warns === 0
      ? 'No problem found.'
      : `${fails} problem(s), ${warns} warning(s)${fails > 0 ? ': tenantctl will not work as it should against this PBX' : ''}.`,
  );
  return lines.join('\n');
}

export function findingsAsJson(findings: readonly Finding[], about: Record<string, unknown>): string {
  const count = (status: Finding['status']) => findings.filter((one) => one.status === status).length;
  return JSON.stringify(
    {
      ...about,
      ok: count('fail') === 0,
      counts: { ok: count('ok'), warn: count('warn'), fail: count('fail'), skip: count('skip') },
      findings,
    },
    null,
    2,
  );
}
