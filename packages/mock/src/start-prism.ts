// Starts a real Prism process (mock, or validating proxy) on loopback and stops it again: for tests and `pnpm mock`.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';
import { waitForOutput } from './readiness.js';
import { specPath } from './spec-path.js';

export interface PrismOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** `mock` answers from the spec's examples; `proxy` forwards to `upstream` and checks both directions. */
  mode?: 'mock' | 'proxy';
  /** With `proxy`: the real server's base URL (its `/api` prefix included). */
  upstream?: string;
  /** With `proxy`: turn every spec violation into an error response (Prism's `--errors`). */
  errors?: boolean;
  /** Give up waiting for Prism after this long (times TEST_TIMEOUT_SCALE). Default PROCESS_START_MS. */
  startTimeoutMs?: number;
}

export interface RunningPrism {
  /** Base URL of the mock; Prism serves the spec's paths at the root, without `/api`. */
  url: string;
  /** Everything Prism printed so far (its violation reports included). */
  output(): string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Path of Prism's CLI entry, run with the current Node (no shell, no global install). */
export function prismBin(): string {
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = require(pkgPath) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin.prism ?? Object.values(pkg.bin)[0] ?? '');
  return join(dirname(pkgPath), bin);
}

/** The arguments Prism is started with, exported so `pnpm mock` and the tests agree. */
export function prismArgs(port: number, options: PrismOptions = {}): string[] {
  const mode = options.mode ?? 'mock';
  const args = [mode, '--host', '127.0.0.1', '--port', String(port)];
  if (mode === 'proxy') {
    if (!options.upstream) throw new Error('prism proxy needs an upstream URL');
    args.push(specPath, options.upstream);
    if (options.errors) args.push('--errors');
  } else {
    args.push(specPath);
  }
  return args;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [prismBin(), ...prismArgs(port, options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const ready = waitForOutput(child, 'Prism', /Prism is listening on/, {
    ...(options.startTimeoutMs === undefined ? {} : { limitMs: options.startTimeoutMs }),
  });
  try {
    await ready;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, output: ready.output, stop: () => stopChild(child) };
}
