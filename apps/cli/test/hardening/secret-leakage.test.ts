// A canary private key and token, then every CLI output (all formats, errors, --verbose), every server
// log line and every error body is searched: the key appears only in the GET body as asked for
// (json/yaml/--field) and --show-secrets output; the token appears nowhere.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { type CliResult, runCli } from '../support/run-cli.js';

const context = useReferenceServer();

const KEY = `-----BEGIN PRIVATE KEY-----\nCANARY${randomBytes(8).toString('hex')}\n-----END PRIVATE KEY-----\n`;
const keyMarker = KEY.split('\n')[1] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'tenantctl-secrets-'));

describe('secret leakage', () => {
  it('finds the key only where it was asked for, and the token nowhere', async () => {
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, KEY);
    const allowed: CliResult[] = [];
    const searched: [string, CliResult][] = [];
    const run = async (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) => {
      const result = await runCli(args, { env: context.env, ...options });
      searched.push([args.join(' '), result]);
      return result;
    };

    // Setting it: from a file, from stdin, never from argv.
    expect((await run(['set', `stir_shaken_key=${keyMarker}`])).code).toBe(2);
    expect((await run(['set', '--dry-run', `stir_shaken_key=@${keyFile}`])).code).toBe(0);
    expect((await run(['set', `stir_shaken_key=@${keyFile}`, 'name=Canary'])).code).toBe(0);
    expect((await run(['set', 'stir_shaken_key=@-'], { stdin: KEY.replace('CANARY', 'CANARX') })).code).toBe(
      0,
    );
    expect((await run(['apply', '-f', '-'], { stdin: JSON.stringify({ stir_shaken_key: KEY }) })).code).toBe(
      0,
    );
    expect(
      (await run(['diff', '-f', '-'], { stdin: JSON.stringify({ stir_shaken_key: `${KEY}x` }) })).code,
    ).toBe(5);
    // Errors, with and without --verbose, including an invalid patch carrying the key.
    await run(['--verbose', 'apply', '-f', '-'], {
      stdin: JSON.stringify({ stir_shaken_key: KEY, recording_retention: 0 }),
    });
    await run(['--verbose', 'get'], {
      env: { ...context.env, TENANTCTL_TOKEN: `${context.server.tenant.token}x` },
    });
    await run(['--verbose', 'get'], { env: { ...context.env, TENANTCTL_URL: 'http://127.0.0.1:9/api' } });
    // Every output format.
    for (const args of [
      ['get'],
      ['get', '-v'],
      ['explain', 'stir_shaken_key'],
      ['config', 'list'],
      ['get', '--field', 'name'],
    ]) {
      expect((await run(args)).code).toBe(0);
    }
    // Where the key is the intended output (a table shows a multi-line value by its first line only).
    for (const args of [
      ['get', '-o', 'json'],
      ['get', '-o', 'yaml'],
      ['get', '--field', 'stir_shaken_key'],
      ['get', '--show-secrets'],
    ]) {
      const result = await runCli(args, { env: context.env });
      expect(result.code).toBe(0);
      if (!args.includes('--show-secrets')) expect(result.stdout).toContain(keyMarker);
      expect(result.stderr).not.toContain(keyMarker);
      allowed.push(result);
    }

    // Error bodies from the server, with the key in the rejected request.
    const errorBodies: string[] = [];
    for (const body of [
      { stir_shaken_key: KEY, bogus: 1 },
      { stir_shaken_key: [KEY] },
      { stir_shaken_key: KEY, name: '' },
    ]) {
      const response = await fetch(`${context.server.url}/tenant`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${context.server.tenant.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      errorBodies.push(await response.text());
    }

    const haystacks = [
      ...searched.flatMap(([, r]) => [r.stdout, r.stderr]),
      ...context.server.logs,
      ...errorBodies,
      ...allowed.map((r) => r.stderr),
    ];
    const keyHits = haystacks.filter((text) => text.includes(keyMarker) || text.includes('CANARX')).length;
    const tokenHits = [...haystacks, ...allowed.map((r) => r.stdout)].filter((text) =>
      text.includes(context.server.tenant.token),
    ).length;
    console.log(
      `secret leakage: ${searched.length + allowed.length} CLI runs, ${context.server.logs.length} log lines, ` +
        `${errorBodies.length} error bodies searched; key outside GET output: ${keyHits}, token anywhere: ${tokenHits}`,
    );
    expect(keyHits).toBe(0);
    expect(tokenHits).toBe(0);
  });
});
