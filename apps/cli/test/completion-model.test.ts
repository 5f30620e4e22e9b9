import { describe, expect, it } from 'vitest';
import { completionModel } from '../src/completion-model.js';
import { buildProgram } from '../src/program.js';

const model = completionModel(
  buildProgram(() => undefined),
  ['bash', 'zsh', 'fish'],
);
const command = (path: string) => model.commands.find((c) => c.path.join(' ') === path);

describe('completionModel', () => {
  it('has every command path with its subcommands', () => {
    expect(command('')?.subcommands).toEqual(
      expect.arrayContaining(['get', 'set', 'apply', 'diff', 'explain', 'config', 'auth', 'completion']),
    );
    expect(command('config')?.subcommands).toEqual(['set', 'show', 'list', 'remove']);
    expect(command('auth')?.subcommands).toEqual(['login', 'status', 'token', 'logout']);
    expect(command('auth login')?.subcommands).toEqual([]);
  });

  it("gives each command its own flags and the program's, --version only to the program", () => {
    expect(command('get')?.flags).toEqual(
      expect.arrayContaining(['--output', '-o', '--field', '--url', '--help']),
    );
    expect(command('get')?.flags).not.toContain('--dry-run');
    expect(command('get')?.flags).not.toContain('--version');
    expect(command('')?.flags).toContain('--version');
    expect(command('apply')?.flags).toEqual(
      expect.arrayContaining(['--file', '--dry-run', '--drop-read-only']),
    );
  });

  it('knows what each flag and argument takes', () => {
    const get = command('get');
    expect(get?.valueFlags.find((v) => v.flags.includes('--output'))?.value).toEqual({
      kind: 'words',
      words: ['table', 'json', 'yaml'],
    });
    expect(get?.valueFlags.find((v) => v.flags.includes('--field'))?.value).toEqual({ kind: 'fields' });
    expect(get?.valueFlags.find((v) => v.flags.includes('--profile'))?.value).toEqual({ kind: 'profiles' });
    expect(command('apply')?.valueFlags.find((v) => v.flags.includes('-f'))?.value).toEqual({
      kind: 'files',
    });
    expect(get?.valueFlags.find((v) => v.flags.includes('--url'))?.value).toEqual({ kind: 'free' });
    expect(command('set')?.argument).toEqual({ kind: 'assignments' });
    expect(command('explain')?.argument).toEqual({ kind: 'fields' });
    expect(command('completion')?.argument).toEqual({ kind: 'words', words: ['bash', 'zsh', 'fish'] });
    expect(get?.valueFlags.find((v) => v.flags.includes('--tenant'))?.value).toEqual({ kind: 'tenants' });
    expect(command('tenants delete')?.argument).toEqual({ kind: 'tenants' });
  });

  it('takes fields, settable assignments and enum values from the spec', () => {
    expect(model.fields).toContain('max_extensions');
    expect(model.assignments).toContain('recording_retention=');
    expect(model.assignments).not.toContain('max_extensions=');
    expect(model.enums.find((e) => e.field === 'contact_match_type')?.values).toEqual([
      'DISABLE',
      'MATCH_EXACTLY',
      'MATCH_LENGTH',
    ]);
    expect(model.enums.find((e) => e.field === 'timezone')?.values).toHaveLength(597);
  });
});
