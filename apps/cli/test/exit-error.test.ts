import { describe, expect, it } from 'vitest';
import { ExitCode, ExitError, unreadableFileError, usageError } from '../src/exit-error.js';

describe('exit codes and errors', () => {
  it('are the documented numbers', () => {
    expect(ExitCode).toEqual({
      ok: 0,
      refused: 1,
      usage: 2,
      auth: 3,
      unreachable: 4,
      drift: 5,
      interrupted: 130,
    });
  });

  it('carry their code', () => {
    expect(new ExitError(4, 'x')).toMatchObject({ exitCode: 4, message: 'x' });
    expect(usageError('bad')).toMatchObject({ exitCode: 2, message: 'bad' });
  });

  it.each([
    ['ENOENT', 'no such file'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
  ])('say %s in words', (code, words) => {
    const error = Object.assign(new Error(`${code}: raw`), { code });
    expect(unreadableFileError('f.yaml', error)).toMatchObject({
      exitCode: 2,
      message: `cannot read f.yaml: ${words}`,
    });
  });

  it('fall back to the error message for other codes', () => {
    const error = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    expect(unreadableFileError('f', error).message).toBe('cannot read f: EIO: i/o error');
  });
});
