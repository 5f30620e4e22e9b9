// Questions to the person at the terminal, on standard error (stdout carries data only). The terminal
// is put in raw mode so that a password is never echoed; the line editing is the little a prompt needs.
import { StringDecoder } from 'node:string_decoder';
import type { ReadStream } from 'node:tty';
import { usageError } from './exit-error.js';
import type { Prompter } from './io.js';

export type TerminalPrompter = Prompter;

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CANCEL = new Set(['\u0003']); // Ctrl-C
const END = '\u0004'; // Ctrl-D
const KILL_LINE = '\u0015'; // Ctrl-U

/**
 * Asks `question` and reads one line in raw mode; `echo` false shows nothing of what is typed. Raw mode
 * is on before the question shows: a key pressed as soon as it appears (Ctrl-C too) is read here, not
 * echoed or turned into a signal by the terminal.
 */
function readLine(
  input: ReadStream,
  output: NodeJS.WritableStream,
  question: string,
  echo: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let line = '';
    let inEscape = false;
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer) => {
      for (const char of decoder.write(chunk)) {
        if (inEscape) {
          // An arrow key or the like: ESC [ … letter. Nothing a prompt uses.
          if (/[A-Za-z~]/.test(char)) inEscape = false;
          continue;
        }
        if (char === '\u001b') inEscape = true;
        else if (ENTER.has(char)) return finish();
        else if (CANCEL.has(char) || (char === END && line === '')) {
          return finish(usageError('cancelled: nothing was sent'));
        } else if (ERASE.has(char)) {
          if (line.length > 0 && echo) output.write('\b \b');
          line = [...line].slice(0, -1).join('');
        } else if (char === KILL_LINE) {
          if (echo) output.write('\b \b'.repeat([...line].length));
          line = '';
        } else if (char >= ' ') {
          line += char;
          if (echo) output.write(char);
        }
      }
    };
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    output.write(question);
  });
}

export function createTerminalPrompter(input: ReadStream, output: NodeJS.WritableStream): TerminalPrompter {
  return {
    ask: (question) => readLine(input, output, question, true),
    askSecret: (question) => readLine(input, output, question, false),
  };
}
