// Tier 2: `tenantctl doctor` in this process against the real reference server.
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { freePort } from '@tenantctl/mock';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/doctor.js';
import { harness } from '../support/harness.js';
import { startLoopbackServer } from '../support/loopback-server.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer({ tenants: ['Doctor Tenant'] });

describe('tenantctl doctor', () => {
  it('finds nothing wrong with the reference server and a valid token (exit 0)', async () => {
    const h = harness({ env: context.env });
    expect(await run({ output: 'table' }, h.deps)).toBe(0);
    expect(h.stdout).toMatch(
      /^tenantctl doctor \(tenantctl \d+\.\d+\.\d+, spec: PBX Tenant API \d+\.\d+\.\d+\)\n/,
    );
    for (const heading of ['Configuration', 'Reachability', 'Clock', 'Authentication', 'Contract']) {
      expect(h.stdout).toContain(`\n${heading}\n`);
    }
    expect(h.stdout).not.toMatch(/[⚠✘–]/);
    expect(h.stdout).toContain('✔ the token from TENANTCTL_TOKEN is accepted');
    expect(h.stdout).toMatch(/✔ GET \/tenant matches the spec: 50 fields/);
    expect(h.stdout.trimEnd().endsWith('No problem found.')).toBe(true);
    expect(h.stdout).not.toContain(context.server.tenant.token);
  });

  it('-o json gives the same findings as data', async () => {
    const h = harness({ env: context.env });
    expect(await run({ output: 'json' }, h.deps)).toBe(0);
    const report = JSON.parse(h.stdout);
    expect(report).toMatchObject({ ok: true, counts: { warn: 0, fail: 0, skip: 0 } });
    expect(report.findings.map((one: { check: string }) => one.check)).toEqual(
      expect.arrayContaining(['configuration', 'reachability', 'clock', 'authentication', 'contract']),
    );
  });

  it('exits 1 without a URL, checking nothing further', async () => {
    const h = harness({ env: { TENANTCTL_TOKEN: 'x' } });
    expect(await run({ output: 'table' }, h.deps)).toBe(1);
    expect(h.stdout).toContain('✘ no server URL\n    → pass --url, set TENANTCTL_URL');
    expect(h.stdout).toContain('– not checked: no usable URL');
  });

  it('reads the token as every command does: an unreadable token file is a ✘ naming it', async () => {
    const h = harness({ env: { TENANTCTL_URL: context.server.url } });
    expect(await run({ output: 'table', tokenFile: '/nonexistent/token' }, h.deps)).toBe(1);
    expect(h.stdout).toContain('✔ credential: a token from --token-file /nonexistent/token');
    expect(h.stdout).toMatch(/✘ .*the token file \/nonexistent\/token/);
  });
});

// PBXs that go wrong in one way each, played by loopback servers: what doctor says and what it skips.
describe('tenantctl doctor against a server that goes wrong', () => {
  type Report = { findings: { check: string; status: string; summary: string; advice?: string }[] };
  const env = (url: string) => ({ TENANTCTL_URL: url, TENANTCTL_TOKEN: 'doctor-token' });
  const skipped = (report: Report) =>
    report.findings.filter((f) => f.status === 'skip').map((f) => [f.check, f.summary]);

  it('names a server that cannot be reached, and checks nothing that needs it', async () => {
    const port = await freePort();
    const h = harness({ env: env(`http://127.0.0.1:${port}/api`) });
    expect(await run({ output: 'json' }, h.deps)).toBe(1);
    const report = JSON.parse(h.stdout) as Report;
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: 'reachability', status: 'fail' }),
    );
    expect(skipped(report)).toEqual(
      ['clock', 'authentication', 'contract'].map((check) => [
        check,
        'not checked: the server cannot be reached (above)',
      ]),
    );
  });

  it('a listener that takes the connection but speaks no HTTP: GET /tenant failed, with what to check', async () => {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined); // the client gives up on it: a reset is expected
      socket.end('SSH-2.0-not-a-pbx\r\n');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const h = harness({ env: env(`http://127.0.0.1:${port}/api`) });
      expect(await run({ output: 'json', timeout: '5' }, h.deps)).toBe(1);
      const report = JSON.parse(h.stdout) as Report;
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          check: 'reachability',
          status: 'fail',
          summary: expect.stringMatching(/^GET \/tenant failed: \S+/),
          advice: 'the server took the connection but did not answer over HTTP: check the URL and any proxy',
        }),
      );
      expect(skipped(report)).toEqual(
        expect.arrayContaining([
          ['clock', 'not checked: GET /tenant failed (above)'],
          ['contract', 'not checked: GET /tenant failed (above)'],
        ]),
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  /** A PBX whose every answer is `answer`; the requests it got are kept. */
  async function pbx(answer: { status: number; type: string; body: string }) {
    const requests: string[] = [];
    const server = await startLoopbackServer((request, _body, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    return { server, requests };
  }

  it('a 200 that is not JSON: the URL is likely not the API base (exit 1)', async () => {
    const { server, requests } = await pbx({ status: 200, type: 'text/html', body: '<html>login</html>' });
    try {
      const h = harness({ env: env(`${server.origin}/api//`) });
      expect(await run({ output: 'table' }, h.deps)).toBe(1);
      expect(h.stdout).toContain(
        '✘ GET /tenant answered 200 with a body that is not JSON\n    → check that the URL is the API base of a PBX (with its /api prefix)',
      );
      expect(h.stdout).toMatch(/✔ GET \/tenant answered 200 in \d+ ms/);
      // The URL's trailing slashes are not doubled into the path.
      expect(requests).toContain('GET /api/tenant');
    } finally {
      await server.close();
    }
  });

  it.each([
    [502, 'the PBX, or a proxy in front of it, failed: try again later, or check its logs'],
    [404, 'no /tenant here: check that the URL is the API base of a PBX (with its /api prefix)'],
  ])(
    'GET /tenant answering %i is ✘, and nothing is judged from a status that says nothing',
    async (status, advice) => {
      const { server } = await pbx({ status, type: 'text/plain', body: 'no' });
      try {
        const h = harness({ env: env(`${server.origin}/api`) });
        expect(await run({ output: 'json' }, h.deps)).toBe(1);
        const report = JSON.parse(h.stdout) as Report & { findings: { data?: unknown }[] };
        expect(report.findings).toContainEqual({
          check: 'reachability',
          status: 'fail',
          summary: expect.stringMatching(new RegExp(`^GET /tenant answered ${status} in \\d+ ms$`)),
          advice,
          data: { status, ms: expect.any(Number) },
        });
        expect(skipped(report)).toEqual(
          expect.arrayContaining([
            ['contract', `not checked: GET /tenant answered ${status}`],
            ...(status === 502
              ? [
                  ['authentication', 'sign-in: not known (POST /auth/sign_in answered 502)'],
                  ['authentication', 'role: not read (GET /auth/user answered 502)'],
                ]
              : [['authentication', 'role: not read (GET /auth/user answered 404)']]),
          ]),
        );
      } finally {
        await server.close();
      }
    },
  );
});
