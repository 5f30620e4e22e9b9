// The prompt's line editing, on a stand-in for the terminal (the real one: test/sign-in/terminal.test.ts).
import { EventEmitter } from 'node:events';
import type { ReadStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { createTerminalPrompter } from '../src/terminal-prompter.js';

function terminal() {
  const events: string[] = [];
  const input = Object.assign(new EventEmitter(), {
    raw: [] as boolean[],
    setRawMode(mode: boolean) {
      this.raw.push(mode);
      events.push(`raw ${mode}`);
      return this;
    },
    resume() {
      return this;
    },
    pause() {
      return this;
    },
  });
  let shown = '';
  const write = (text: string) => {
    events.push(`write ${JSON.stringify(text)}`);
    shown += text;
    return true;
  };
  const output = { write } as unknown as NodeJS.WritableStream;
  const type = (...chunks: (string | Buffer)[]) => {
    for (const chunk of chunks) input.emit('data', Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  };
  const prompter = createTerminalPrompter(input as unknown as ReadStream, output);
  return { prompter, type, input, events, shown: () => shown };
}

describe('the terminal prompter', () => {
  it('echoes an answer and ends it at Enter, leaving raw mode', async () => {
    const t = terminal();
    const answer = t.prompter.ask('User name: ');
    t.type('ali', 'ce\r');
    expect(await answer).toBe('alice');
    expect(t.shown()).toBe('User name: alice\n');
    expect(t.input.raw).toEqual([true, false]);
    // Raw before the question: a key pressed the moment it shows is read, not signalled by the terminal.
    expect(t.events.slice(0, 2)).toEqual(['raw true', 'write "User name: "']);
  });

  it('shows nothing of a secret', async () => {
    const t = terminal();
    const answer = t.prompter.askSecret('Password: ');
    t.type('s3cr3t pass\n');
    expect(await answer).toBe('s3cr3t pass');
    expect(t.shown()).toBe('Password: \n');
  });

  it('erases with Backspace and Ctrl-U, and ignores arrow keys', async () => {
    const t = terminal();
    const answer = t.prompter.ask('> ');
    t.type('abx\u007f', 'c\u001b[D', 'd\u0015xyz\b', 'w\r');
    expect(await answer).toBe('xyw');
  });

  it('reads characters split across chunks', async () => {
    const t = terminal();
    const answer = t.prompter.askSecret('> ');
    const bytes = Buffer.from('pässwörd\r');
    t.type(bytes.subarray(0, 2), bytes.subarray(2));
    expect(await answer).toBe('pässwörd');
  });

  it('cancels at Ctrl-C, or Ctrl-D on an empty line, sending nothing', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const t = terminal();
      const answer = t.prompter.askSecret('Password: ');
      t.type(key);
      await expect(answer).rejects.toMatchObject({ exitCode: 2, message: 'cancelled: nothing was sent' });
      expect(t.input.raw).toEqual([true, false]);
    }
  });
});
