// The streams a command writes to and reads from: stdout carries data only, stderr every message.
import pc from 'picocolors';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
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

export function processIo(options: { color: boolean; verbose: boolean }): Io {
  const color = options.color && process.stdout.isTTY === true && !process.env.NO_COLOR;
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    color: pc.createColors(color),
    verbose: options.verbose,
  };
}
