// Runs the built binary as a child process: real argv, stdin, stdout, stderr and exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const binary = fileURLToPath(new URL('../../dist/tenantctl.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh config home per test file, so no test reads the user's profiles; removed after the file. */
export const configHome = mkdtempSync(join(tmpdir(), 'tenantctl-config-'));
afterAll(() => rmSync(configHome, { recursive: true, force: true }));

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: configHome,
      XDG_CONFIG_HOME: configHome,
    };
    const child = spawn(process.execPath, [binary, ...args], {
      env: { ...env, ...options.env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
