// The streams a command writes to and reads from: stdout carries data only, stderr every message.
import pc from 'picocolors';
import type { TerminalPrompter } from './terminal-prompter.js';

/** Questions to the person at the terminal (on stderr), when there is one. */
export interface Prompter {
  /** Asks and reads one line, echoed. */
  ask(question: string): Promise<string>;
  /** Asks and reads one line without echo (a password). */
  askSecret(question: string): Promise<string>;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input. */
  readStdin(): Promise<string>;
  /** The next line of standard input (read no further than that), or undefined at its end. */
  readLine(): Promise<string | undefined>;
  /** The width to fit table output to: `COLUMNS` when set, else the terminal's; undefined for a pipe. */
  columns?: number;
  /** Present when standard input and standard error are a terminal: someone can answer questions. */
  prompter?: Prompter;
  /**
   * Present when standard error is a terminal: shows one status line in place (progress), redrawn at
   * each call; `undefined` clears it. Elsewhere progress is a line per step, through `err`.
   */
  status?(line: string | undefined): void;
  env: NodeJS.ProcessEnv;
  /** Colors for stdout, off for NO_COLOR, --no-color and anything that is not a terminal. */
  color: ReturnType<typeof pc.createColors>;
  verbose: boolean;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** `COLUMNS` when it is a positive number, else the width of stdout when it is a terminal. */
export function columnsOf(
  env: string | undefined,
  stdout: { isTTY?: boolean; columns?: number },
): number | undefined {
  const fromEnv = Number(env);
  if (env && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stdout.isTTY && stdout.columns ? stdout.columns : undefined;
}

/** Reads standard input a line at a time, loading node:readline only when a line is wanted. */
function lineReader(stream: NodeJS.ReadableStream): () => Promise<string | undefined> {
  let lines: AsyncIterator<string> | undefined;
  return async () => {
    lines ??= process
      .getBuiltinModule('node:readline')
      .createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
      [Symbol.asyncIterator]();
    const next = await lines.next();
    return next.done ? undefined : next.value;
  };
}

export function processIo(options: { color: boolean; verbose: boolean }): Io {
  const color = options.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const columns = columnsOf(process.env.COLUMNS, process.stdout);
  return {
    ...(columns === undefined ? {} : { columns }),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readStdin: () => readAll(process.stdin),
    readLine: lineReader(process.stdin),
    ...(interactive ? { prompter: lazyTerminalPrompter() } : {}),
    ...(process.stderr.isTTY === true
      ? { status: (line: string | undefined) => process.stderr.write(`\r\x1b[K${line ?? ''}`) }
      : {}),
    env: process.env,
    color: pc.createColors(color),
    verbose: options.verbose,
  };
}

/** The terminal prompter, its module loaded on the first question. */
function lazyTerminalPrompter(): Prompter {
  let prompter: Promise<TerminalPrompter> | undefined;
  const load = () => {
    prompter ??= import('./terminal-prompter.js').then(({ createTerminalPrompter }) =>
      createTerminalPrompter(process.stdin as import('node:tty').ReadStream, process.stderr),
    );
    return prompter;
  };
  return {
    ask: async (question) => (await load()).ask(question),
    askSecret: async (question) => (await load()).askSecret(question),
  };
}
