// How tests wait for the processes they start: on a sign of readiness (a line the process prints, or
// an answer it gives), never a fixed sleep, within a generous limit that TEST_TIMEOUT_SCALE multiplies
// (a busy or slow machine sets it higher). Giving up says what the process printed.
import type { ChildProcess } from 'node:child_process';

/** TEST_TIMEOUT_SCALE as a factor: 1 when unset; a positive number otherwise. */
export function timeoutScale(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TEST_TIMEOUT_SCALE;
  if (text === undefined || text.trim() === '') return 1;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`TEST_TIMEOUT_SCALE must be a positive number, not "${text}"`);
  }
  return value;
}

/** `ms` times TEST_TIMEOUT_SCALE. */
export const scaledMs = (ms: number, env: NodeJS.ProcessEnv = process.env): number =>
  Math.round(ms * timeoutScale(env));

/**
 * How long a process a test starts may take to be ready, before scaling: two minutes. On an idle
 * machine they take 0.5–5 s; under a second full build on the same two cores Prism took over 30 s.
 */
export const PROCESS_START_MS = 120_000;

/**
 * vitest's `testTimeout` and `hookTimeout` for a package whose tests start processes: above the
 * readiness limit, so that a process that never gets ready fails with what it printed, not vitest's
 * bare timeout.
 */
export function testTimeouts(env: NodeJS.ProcessEnv = process.env): {
  testTimeout: number;
  hookTimeout: number;
} {
  const limit = scaledMs(PROCESS_START_MS + 60_000, env);
  return { testTimeout: limit, hookTimeout: limit };
}

/** The last part of what a process printed, kept for the message when it does not become ready. */
const KEPT_OUTPUT = 8000;

export interface OutputWatch {
  /** The last ~8 kB of what the process printed on stdout and stderr. */
  output(): string;
}

/** Everything the child prints on its piped stdout and stderr, drained for as long as it runs. */
export function watchOutput(child: ChildProcess): OutputWatch & { onData(listener: () => void): void } {
  let output = '';
  const listeners = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { output: () => output, onData: (listener) => void listeners.add(listener) };
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function notReady(what: string, why: string, output: string): Error {
  const printed = output.trim();
  return new Error(`${what} ${why}; it printed:${printed ? `\n${printed}` : ' nothing'}`);
}

/**
 * Resolves with the match once the child prints something that matches `ready` (on stdout or stderr);
 * rejects when it fails to start, exits first, or is not ready within `limitMs` (scaled).
 */
export function waitForOutput(
  child: ChildProcess,
  what: string,
  ready: RegExp,
  options: { limitMs?: number; watch?: ReturnType<typeof watchOutput> } = {},
): Promise<RegExpExecArray> & OutputWatch {
  const watch = options.watch ?? watchOutput(child);
  const limitMs = scaledMs(options.limitMs ?? PROCESS_START_MS);
  const promise = new Promise<RegExpExecArray>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      done();
    };
    const timer = setTimeout(
      () => settle(() => reject(notReady(what, `was not ready within ${limitMs / 1000} s`, watch.output()))),
      limitMs,
    );
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(notReady(what, `exited (${code ?? signal}) before it was ready`, watch.output())));
    const onError = (error: Error) =>
      settle(() => reject(notReady(what, `could not start (${error.message})`, watch.output())));
    const check = () => {
      const match = ready.exec(watch.output());
      if (match) settle(() => resolve(match));
    };
    child.once('exit', onExit);
    child.once('error', onError);
    watch.onData(check);
    check();
    if (ended(child)) onExit(child.exitCode, child.signalCode);
  });
  return Object.assign(promise, { output: watch.output });
}

/**
 * Resolves once `check` answers true (asked every `intervalMs`, a failure counting as not yet), for a
 * process that says nothing when it is ready (a server asked over HTTP); rejects like waitForOutput.
 */
export async function waitUntilReady(
  child: ChildProcess,
  what: string,
  check: () => Promise<boolean>,
  options: { limitMs?: number; intervalMs?: number; watch?: OutputWatch } = {},
): Promise<void> {
  const watch = options.watch ?? watchOutput(child);
  const limitMs = scaledMs(options.limitMs ?? PROCESS_START_MS);
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (ended(child)) {
      throw notReady(
        what,
        `exited (${child.exitCode ?? child.signalCode}) before it was ready`,
        watch.output(),
      );
    }
    if (await check().catch(() => false)) return;
    if (Date.now() >= deadline)
      throw notReady(what, `was not ready within ${limitMs / 1000} s`, watch.output());
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
