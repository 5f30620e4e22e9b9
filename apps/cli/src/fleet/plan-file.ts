// A saved fleet plan (`fleet plan --out PLAN`): JSON, mode 0600, never a secret (secret fields say only
// that they change). `fleet apply --plan PLAN` changes exactly what it says.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { unreadableFileError, usageError } from '../exit-error.js';
import type { Plan } from './plan.js';

export async function writePlan(path: string, plan: Plan): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

export async function readPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  let plan: Partial<Plan>;
  try {
    plan = JSON.parse(text) as Partial<Plan>;
  } catch {
    throw usageError(
      `${path} is not a fleet plan (not JSON): make one with tenantctl fleet plan -f FLEET --out ${path}`,
    );
  }
  if (
    plan.format !== 'tenantctl-fleet-plan/1' ||
    !Array.isArray(plan.tenants) ||
    !Array.isArray(plan.pbx) ||
    !plan.fleet
  ) {
    throw usageError(`${path} is not a fleet plan of this tenantctl (format tenantctl-fleet-plan/1)`);
  }
  return plan as Plan;
}
