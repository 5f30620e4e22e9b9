// Runs the built binary as a child process: real argv, stdin, stdout, stderr and exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROCESS_START_MS, scaledMs } from '@tenantctl/mock';
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

/** A running tenantctl: write to its stdin as the test goes, wait for what it prints, then for its end. */
export interface CliProcess {
  /** Writes to its standard input (`end` closes it). */
  write(text: string, end?: boolean): void;
  /** Resolves once stdout or stderr has shown `text`. */
  waitFor(text: string): Promise<void>;
  readonly output: string;
  /** Sends the process a signal (SIGKILL: a crash). */
  kill(signal: NodeJS.Signals): void;
  done: Promise<CliResult>;
}

/**
 * Starts the binary with `command` in front of it: nothing (a plain child process), or e.g. `script`
 * to give it a pseudo-terminal.
 */
export function startCli(
  args: string[],
  options: { env?: Record<string, string>; wrap?: (argv: string[]) => string[] } = {},
): CliProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: configHome,
    XDG_CONFIG_HOME: configHome,
  };
  const argv = [process.execPath, binary, ...args];
  const [command = '', ...rest] = options.wrap ? options.wrap(argv) : argv;
  const child = spawn(command, rest, { env: { ...env, ...options.env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const waiting = new Set<{ text: string; resolve: () => void }>();
  const check = () => {
    for (const wait of waiting) {
      if (stdout.includes(wait.text) || stderr.includes(wait.text)) {
        waiting.delete(wait);
        wait.resolve();
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const wait of waiting) wait.resolve(); // the test's assertions then say what was missing
      resolve({ code, stdout, stderr });
    });
  });
  return {
    write(text, end = false) {
      if (end) child.stdin.end(text);
      else child.stdin.write(text);
    },
    waitFor(text) {
      // Within the shared readiness limit; giving up says what the binary printed.
      const limitMs = scaledMs(PROCESS_START_MS);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(wait);
          reject(
            new Error(
              `tenantctl did not print "${text}" within ${limitMs / 1000} s; it printed:\n${stdout}${stderr}`,
            ),
          );
        }, limitMs);
        const wait = {
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiting.add(wait);
        check();
      });
    },
    get output() {
      return stdout + stderr;
    },
    kill: (signal) => void child.kill(signal),
    done,
  };
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> {
  const cli = startCli(args, options.env ? { env: options.env } : {});
  cli.write(options.stdin ?? '', true);
  return cli.done;
}

/**
 * A folder of its own under the config home (a fleet's journals live beside the config) with a config
 * whose default profile is `url` with `token` (mode 0600); `env` points the binary at it.
 */
export function configWithProfile(prefix: string, url: string, token: string) {
  const folder = mkdtempSync(join(configHome, prefix));
  const config = join(folder, 'config.json');
  writeFileSync(config, JSON.stringify({ profiles: { default: { url, token } } }), { mode: 0o600 });
  return { folder, env: { TENANTCTL_CONFIG: config } };
}
