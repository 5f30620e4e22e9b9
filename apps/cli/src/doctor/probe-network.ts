// The way to the server, one layer at a time: the name (DNS), a TCP connection, and for https the TLS
// handshake with the certificate as it is (accepted or not, so that a bad one can be described).
import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect } from 'node:net';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import { classifyCertificate } from './classify-certificate.js';
import { type Finding, finding } from './finding.js';

export interface Target {
  host: string;
  port: number;
  tls: boolean;
}

export function targetOf(url: URL): Target {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const tls = url.protocol === 'https:';
  return { host, port: url.port ? Number(url.port) : tls ? 443 : 80, tls };
}

const since = (start: number) => Math.round(performance.now() - start);

function describeError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}

/** DNS, TCP and TLS findings; `reachable` is false when the next layer has nothing to talk to. */
export async function probeNetwork(
  target: Target,
  timeoutMs: number,
): Promise<{ findings: Finding[]; reachable: boolean }> {
  const findings: Finding[] = [];
  let address = target.host;
  if (isIP(target.host)) {
    findings.push(finding('reachability', 'ok', `DNS: ${target.host} is an address, nothing to look up`));
  } else {
    const start = performance.now();
    try {
      const found = await lookup(target.host, { all: true });
      address = found[0]?.address ?? target.host;
      findings.push(
        finding(
          'reachability',
          'ok',
          `DNS: ${target.host} → ${found.map((one) => one.address).join(', ')} (${since(start)} ms)`,
          {
            data: { addresses: found.map((one) => one.address), ms: since(start) },
          },
        ),
      );
    } catch (error) {
      findings.push(
        finding('reachability', 'fail', `DNS: ${target.host} cannot be resolved (${describeError(error)})`, {
          advice: "check the host name in the URL, and this machine's DNS (/etc/resolv.conf)",
        }),
      );
      return { findings, reachable: false };
    }
  }

  const start = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = tcpConnect({ host: address, port: target.port, timeout: timeoutMs });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('timeout', () => {
        socket.destroy();
        reject(Object.assign(new Error('timed out'), { code: `no answer in ${timeoutMs / 1000} s` }));
      });
      socket.once('error', reject);
    });
    findings.push(
      finding('reachability', 'ok', `TCP: connected to ${address} port ${target.port} (${since(start)} ms)`, {
        data: { ms: since(start) },
      }),
    );
  } catch (error) {
    findings.push(
      finding(
        'reachability',
        'fail',
        `TCP: cannot connect to ${address} port ${target.port} (${describeError(error)})`,
        {
          advice: 'check the port in the URL, that the PBX is up, and any firewall or proxy on the way',
        },
      ),
    );
    return { findings, reachable: false };
  }

  if (!target.tls) return { findings, reachable: true };
  try {
    const outcome = await new Promise<Parameters<typeof classifyCertificate>[0]>((resolve, reject) => {
      const socket = tlsConnect({
        host: address,
        port: target.port,
        ...(isIP(target.host) ? {} : { servername: target.host }),
        // Accepted here only to be described; every request tenantctl sends checks it.
        rejectUnauthorized: false,
        timeout: timeoutMs,
      });
      socket.once('secureConnect', () => {
        const certificate = socket.getPeerCertificate();
        const identity = checkServerIdentity(target.host, certificate);
        const authorizationError = socket.authorizationError as unknown as string | undefined;
        socket.destroy();
        resolve({
          authorized: socket.authorized,
          certificate,
          ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
          ...(identity ? { identityError: identity.message } : {}),
        });
      });
      socket.once('timeout', () => {
        socket.destroy();
        reject(Object.assign(new Error('timed out'), { code: `no TLS handshake in ${timeoutMs / 1000} s` }));
      });
      socket.once('error', reject);
    });
    const described = classifyCertificate(outcome);
    findings.push(described);
    return { findings, reachable: described.status !== 'fail' };
  } catch (error) {
    findings.push(
      finding(
        'reachability',
        'fail',
        `TLS: no secure connection to ${address} port ${target.port} (${describeError(error)})`,
        {
          advice: 'is this port TLS? try http:// if the PBX serves plain HTTP there',
        },
      ),
    );
    return { findings, reachable: false };
  }
}
