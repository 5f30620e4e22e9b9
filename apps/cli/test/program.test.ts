// Tier 1: argv → the command and its options, without running anything.
import { describe, expect, it, vi } from 'vitest';
import { parseArgv } from '../src/program.js';

const argv = (...args: string[]) => parseArgv(['node', 'tenantctl', ...args]);

describe('parseArgv', () => {
  it.each([
    [['get'], { command: 'get', options: { output: 'table' } }],
    [
      ['get', '-o', 'json', '--field', 'name', 'timezone'],
      { command: 'get', options: { output: 'json', field: ['name', 'timezone'] } },
    ],
    [
      ['get', '--output', 'yaml', '--show-secrets'],
      { command: 'get', options: { output: 'yaml', showSecrets: true } },
    ],
    [
      ['set', 'a=1', 'b=2', '--dry-run'],
      { command: 'set', options: { assignments: ['a=1', 'b=2'], dryRun: true } },
    ],
    [
      ['apply', '-f', 'x.yaml', '--dry-run', '--drop-read-only'],
      { command: 'apply', options: { file: 'x.yaml', dryRun: true, dropReadOnly: true } },
    ],
    [['apply', '--file', '-'], { command: 'apply', options: { file: '-' } }],
    [
      ['diff', '-f', 'x.yaml', '--drop-read-only'],
      { command: 'diff', options: { file: 'x.yaml', dropReadOnly: true } },
    ],
    [['explain'], { command: 'explain', options: {} }],
    [
      ['explain', '--tenant', 'acme', 'name'],
      { command: 'explain', options: { field: 'name', tenant: 'acme' } },
    ],
    [['get', '--tenant', 'acme'], { command: 'get', options: { output: 'table', tenant: 'acme' } }],
    [
      ['set', '--tenant', 'Shop Berlin', 'max_extensions=50'],
      { command: 'set', options: { assignments: ['max_extensions=50'], tenant: 'Shop Berlin' } },
    ],
    [
      [
        'tenants',
        'list',
        '--search',
        'shop',
        '--filter',
        'enabled eq true',
        '--order-by',
        'name desc',
        '-o',
        'json',
      ],
      {
        command: 'tenants list',
        options: { output: 'json', search: 'shop', filter: 'enabled eq true', orderBy: 'name desc' },
      },
    ],
    [
      ['tenants', 'create', '--name', 'shop-hamburg', 'timezone=Europe/Berlin'],
      {
        command: 'tenants create',
        options: { name: 'shop-hamburg', assignments: ['timezone=Europe/Berlin'] },
      },
    ],
    [
      ['tenants', 'create', '-f', 't.yaml'],
      { command: 'tenants create', options: { file: 't.yaml', assignments: [] } },
    ],
    [
      ['tenants', 'delete', 'acme', '--yes'],
      { command: 'tenants delete', options: { tenant: 'acme', yes: true } },
    ],
    [['tenants', 'names'], { command: 'tenants names', options: {} }],
    [['status', '-o', 'yaml'], { command: 'status', options: { output: 'yaml' } }],
    [['explain', 'name'], { command: 'explain', options: { field: 'name' } }],
    [
      ['config', 'set', '--url', 'http://x/api', '--token-stdin'],
      { command: 'config set', options: { url: 'http://x/api', tokenStdin: true, profile: 'default' } },
    ],
    [
      ['config', 'set', '--profile', 'lab', '--token-file', 't'],
      { command: 'config set', options: { profile: 'lab', tokenFile: 't' } },
    ],
    [['config', 'show', '--profile', 'lab'], { command: 'config show', options: { profile: 'lab' } }],
    [['config', 'list'], { command: 'config list', options: {} }],
    [['config', 'remove'], { command: 'config remove', options: { profile: 'default' } }],
  ])('%j', async (args, expected) => {
    const parsed = await argv(...args);
    expect(parsed.exitCode).toBeUndefined();
    expect(parsed.invocation).toMatchObject(expected);
  });

  it('merges connection flags given before or after the command', async () => {
    const before = await argv(
      '--url',
      'http://a/api',
      '--token-file',
      't',
      '--profile',
      'p',
      '--timeout',
      '2',
      'get',
    );
    const after = await argv(
      'get',
      '--url',
      'http://a/api',
      '--token-file',
      't',
      '--profile',
      'p',
      '--timeout',
      '2',
    );
    const flags = { url: 'http://a/api', tokenFile: 't', profile: 'p', timeout: '2' };
    expect(before.invocation?.options).toMatchObject(flags);
    expect(after.invocation?.options).toMatchObject(flags);
    expect((await argv('--token-stdin', 'set', 'a=1')).invocation?.options).toMatchObject({
      tokenStdin: true,
    });
  });

  it('reads the global switches', async () => {
    expect((await argv('get')).globals).toEqual({ verbose: false, color: true });
    expect((await argv('-v', '--no-color', 'get')).globals).toEqual({ verbose: true, color: false });
    expect((await argv('get', '--verbose')).globals).toEqual({ verbose: true, color: true });
  });

  it('hands completion the program itself', async () => {
    const parsed = await argv('completion', 'bash');
    expect(parsed.invocation?.command).toBe('completion');
    const options = parsed.invocation?.options as { shell: string; program: { name(): string } };
    expect(options.shell).toBe('bash');
    expect(options.program.name()).toBe('tenantctl');
  });

  describe('when nothing runs', () => {
    const quiet = () => {
      const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      return () => {
        out.mockRestore();
        err.mockRestore();
      };
    };

    it.each([
      [['--help'], 0],
      [['-V'], 0],
      [['get', '--help'], 0],
      [['frobnicate'], 2],
      [['apply'], 2],
      [['get', '-o', 'xml'], 2],
      [['get', '--token', 'secret'], 2],
      [['set'], 2],
      [['completion'], 2],
    ])('%j ends with exit code %i', async (args, code) => {
      const restore = quiet();
      try {
        const parsed = await argv(...args);
        expect(parsed.invocation).toBeUndefined();
        expect(parsed.exitCode).toBe(code);
      } finally {
        restore();
      }
    });
  });
});
