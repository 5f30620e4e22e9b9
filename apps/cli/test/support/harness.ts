// Runs a command function in this process with injected dependencies: an Io that records what was
// written, a given stdin and environment, the real connect (to a real server) and file reader.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pc from 'picocolors';
import { afterAll } from 'vitest';
import type { CommandDeps } from '../../src/command-deps.js';
import { createClientFor, resolveConnection } from '../../src/connection.js';
import type { Io, Prompter } from '../../src/io.js';

export type Answer = string | (() => Promise<string>);

/** Answers questions in order, writing each question (not a secret answer) as a terminal would. */
function scriptedPrompter(answers: Answer[], write: (text: string) => void): Prompter {
  const next = async (question: string, echo: boolean) => {
    const next = answers.shift();
    if (next === undefined) throw new Error(`the test has no answer to ${JSON.stringify(question)}`);
    const answer = typeof next === 'string' ? next : await next();
    write(`${question}${echo ? answer : ''}\n`);
    return answer;
  };
  return { ask: (question) => next(question, true), askSecret: (question) => next(question, false) };
}

export interface Harness {
  deps: CommandDeps;
  /** Everything written to stdout, and to stderr. */
  readonly stdout: string;
  readonly stderr: string;
  /** The status lines shown in place (with `statusLine`), in order; '' for a clear. */
  readonly statusLines: string[];
}

/** A folder for config files of this test file, removed after it. */
export const scratch = mkdtempSync(join(tmpdir(), 'tenantctl-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

export interface HarnessOptions {
  env?: Record<string, string>;
  stdin?: string;
  verbose?: boolean;
  color?: boolean;
  /** The width table output fits (as COLUMNS or a terminal would give); none by default. */
  columns?: number;
  /** Answers to terminal questions, in order (a function answers when asked); without it, no terminal. */
  answers?: Answer[];
  /** Standard error is a terminal: status lines (progress) are kept in `statusLines`. */
  statusLine?: boolean;
}

export function harness(options: HarnessOptions = {}): Harness {
  let stdout = '';
  let stderr = '';
  const statusLines: string[] = [];
  const stdinLines = (options.stdin ?? '').split('\n');
  if (stdinLines.at(-1) === '') stdinLines.pop();
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  const io: Io = {
    out: (text) => {
      stdout += line(text);
    },
    err: (text) => {
      stderr += line(text);
    },
    readStdin: async () => options.stdin ?? '',
    readLine: async () => stdinLines.shift(),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(options.answers ? { prompter: scriptedPrompter(options.answers, (q) => (stderr += q)) } : {}),
    ...(options.statusLine
      ? { status: (line: string | undefined) => void statusLines.push(line ?? '') }
      : {}),
    // No test reads the user's profiles: the config file lives in the scratch folder unless given.
    env: { TENANTCTL_CONFIG: join(scratch, 'config.json'), ...options.env },
    color: pc.createColors(options.color === true),
    verbose: options.verbose === true,
  };
  const deps: CommandDeps = {
    io,
    readTextFile: (path) => readFile(path, 'utf8'),
    connect: async (flags, tuning) =>
      createClientFor(await resolveConnection(flags, deps), flags, io, tuning),
  };
  return {
    deps,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    statusLines,
  };
}
