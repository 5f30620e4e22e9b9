// `tenantctl doctor`: what stands between this machine, this tool and the PBX, checked layer by layer
// (configuration, the way there, the clock, the credential, the contract). Exit 0 when nothing failed
// (warnings included), 1 when something did.
import { specInfo } from '@tenantctl/schema/spec-info';
import cliPackage from '../../package.json' with { type: 'json' };
import type { CommandDeps } from '../command-deps.js';
import { type Connection, resolveConnection, timeoutMs, transportOptions } from '../connection.js';
import {
  checkSession,
  checkTokenAnswer,
  detectSignInFlow,
  type Send,
} from '../doctor/check-authentication.js';
import { checkClock } from '../doctor/check-clock.js';
import { checkConfiguration } from '../doctor/check-configuration.js';
import { checkContract } from '../doctor/check-contract.js';
import { checkPbxVersion, checkRole, isSystemRole } from '../doctor/check-identity.js';
import { doctorExitCode, type Finding, finding } from '../doctor/finding.js';
import { probeNetwork, targetOf } from '../doctor/probe-network.js';
import { findingsAsJson, renderFindings } from '../doctor/render-findings.js';
import { type ExitCodeValue, ExitError } from '../exit-error.js';
import { nodeHttpFetch } from '../node-http-fetch.js';
import type { DoctorOptions } from '../program.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** GET /tenant's answer as reachability sees it: a server error or a missing path is ✘, slowness ⚠. */
function answerFinding(status: number, ms: number): Finding {
  const summary = `GET /tenant answered ${status} in ${ms} ms`;
  const data = { status, ms };
  if (status >= 500) {
    return finding('reachability', 'fail', summary, {
      data,
      advice: 'the PBX, or a proxy in front of it, failed: try again later, or check its logs',
    });
  }
  if (status === 404) {
    return finding('reachability', 'fail', summary, {
      data,
      advice: 'no /tenant here: check that the URL is the API base of a PBX (with its /api prefix)',
    });
  }
  if (ms > 2000) {
    return finding('reachability', 'warn', summary, {
      data,
      advice: 'slow: every command waits this long; check the network path or the PBX load',
    });
  }
  return finding('reachability', 'ok', summary, { data });
}

async function examine(options: DoctorOptions, deps: CommandDeps): Promise<Finding[]> {
  const { io } = deps;
  const ms = timeoutMs(options) ?? DEFAULT_TIMEOUT_MS;
  const send: Send = (url, init) => nodeHttpFetch(url, { ...init, signal: AbortSignal.timeout(ms) });
  const { findings, choice } = await checkConfiguration(options, io.env);
  const skip = (check: Finding['check'], why: string) =>
    findings.push(finding(check, 'skip', `not checked: ${why}`));
  // A choice comes back only with a URL that can be used.
  if (!choice?.url) {
    for (const check of ['reachability', 'clock', 'authentication', 'contract'] as const)
      skip(check, 'no usable URL');
    return findings;
  }
  const baseUrl = choice.url.replace(/\/+$/, '');
  const network = await probeNetwork(targetOf(new URL(baseUrl)), ms);
  findings.push(...network.findings);
  if (!network.reachable) {
    for (const check of ['clock', 'authentication', 'contract'] as const)
      skip(check, 'the server cannot be reached (above)');
    return findings;
  }

  findings.push(await detectSignInFlow(baseUrl, send));
  let token: string | undefined;
  const credential = choice.token;
  if (credential) {
    // The connection every command would use: the same token read from the same place, or the session.
    let connection: Connection | undefined;
    try {
      connection = await resolveConnection(options, deps);
    } catch (error) {
      if (!(error instanceof ExitError)) throw error;
      findings.push(finding('authentication', 'fail', error.message));
    }
    if (connection?.session) {
      const { openProfileSession } = await import('../profile-session.js');
      const transport = await transportOptions(options);
      const checked = await checkSession(connection.session, (ref) => openProfileSession(ref, transport));
      findings.push(checked.finding);
      token = checked.accessToken;
    } else {
      token = connection?.token;
    }
  }

  let role: string | undefined;
  if (token) {
    const identity = await checkRole(baseUrl, token, send);
    findings.push(identity.finding);
    role = identity.role;
  }

  // One GET /tenant, with the token when there is one: its time, its Date header, its answer.
  const sentAt = Date.now();
  const started = performance.now();
  let response: Response;
  try {
    response = await send(`${baseUrl}/tenant`, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    findings.push(
      finding('reachability', 'fail', `GET /tenant failed: ${cause?.code ?? (error as Error).message}`, {
        advice: 'the server took the connection but did not answer over HTTP: check the URL and any proxy',
      }),
    );
    for (const check of ['clock', 'contract'] as const) skip(check, 'GET /tenant failed (above)');
    return findings;
  }
  const text = await response.text();
  const rtt = Math.round(performance.now() - started);
  findings.push(answerFinding(response.status, rtt));
  findings.push(checkClock(response.headers.get('date'), sentAt, Date.now()));
  if (credential && credential.from !== 'session' && token)
    findings.push(checkTokenAnswer(credential.source, response.status));
  if (token) findings.push(await checkPbxVersion(baseUrl, token, send));

  if (response.status === 403 && isSystemRole(role)) {
    // A system user's session acts on no tenant of its own: /tenant refuses it, as it should.
    skip('contract', `a ${role}'s session reads tenants by id (tenantctl get --tenant ID|NAME), not /tenant`);
    return findings;
  }
  if (response.status !== 200) {
    skip('contract', `GET /tenant answered ${response.status}`);
    return findings;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    findings.push(
      finding('contract', 'fail', 'GET /tenant answered 200 with a body that is not JSON', {
        advice: 'check that the URL is the API base of a PBX (with its /api prefix)',
      }),
    );
    return findings;
  }
  findings.push(...(await checkContract(body, cliPackage.version)));
  return findings;
}

export async function run(options: DoctorOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const findings = await examine(options, deps);
  const about = { tenantctl: cliPackage.version, spec: `${specInfo.title} ${specInfo.version}` };
  deps.io.out(
    options.output === 'json'
      ? findingsAsJson(findings, about)
      : renderFindings(
          findings,
          `tenantctl doctor (tenantctl ${about.tenantctl}, spec: ${about.spec})`,
          deps.io.color,
        ),
  );
  return doctorExitCode(findings);
}
