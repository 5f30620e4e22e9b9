// The bash completion, run by bash as bash runs it at a TAB: COMP_LINE and COMP_POINT set, the
// function called, COMPREPLY read back. Profiles come from the real binary on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionModel } from '../src/completion-model.js';
import { bashScript, fishScript, zshScript } from '../src/completion-scripts.js';
import { buildProgram } from '../src/program.js';
import { scratch } from './support/harness.js';
import { binary } from './support/run-cli.js';

const model = completionModel(
  buildProgram(() => undefined),
  ['bash', 'zsh', 'fish'],
);
const script = join(scratch, 'tenantctl.bash');
writeFileSync(script, bashScript(model));

// A `tenantctl` on PATH (the built binary) and a config with two profiles, for --profile.
const bin = join(scratch, 'bin');
mkdirSync(bin, { recursive: true });
writeFileSync(join(bin, 'tenantctl'), `#!/bin/sh\nexec "${process.execPath}" "${binary}" "$@"\n`);
chmodSync(join(bin, 'tenantctl'), 0o755);
const config = join(scratch, 'completion-config.json');
writeFileSync(
  config,
  JSON.stringify({ profiles: { lab: { url: 'http://lab/api' }, prod: { url: 'http://p/api' } } }),
);

// The tenant names `tenantctl` keeps beside that config, fresh, for the server of profile "lab".
writeFileSync(
  join(scratch, 'tenant-names.json'),
  JSON.stringify({ 'http://lab/api': { at: Date.now(), names: ['Shop Berlin', 'acme', 'shop-munich'] } }),
);

/** What bash offers at the end of `line`. */
function complete(line: string, wordbreaks?: string, env: Record<string, string> = {}): string[] {
  const program = [
    `source ${JSON.stringify(script)}`,
    ...(wordbreaks === undefined ? [] : [`COMP_WORDBREAKS=${JSON.stringify(wordbreaks)}`]),
    `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}`,
    `read -ra COMP_WORDS <<< "$COMP_LINE"; COMP_CWORD=\${#COMP_WORDS[@]}`,
    '_tenantctl',
    `printf "%s\\n" "\${COMPREPLY[@]}"`,
  ].join('\n');
  const out = execFileSync('bash', ['-c', program], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, TENANTCTL_CONFIG: config, HOME: scratch, ...env },
  });
  return out.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('is a script bash accepts', () => {
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
  });

  it('completes commands, and the subcommands of config and auth', () => {
    expect(complete('tenantctl ')).toEqual(expect.arrayContaining(['get', 'set', 'config', 'auth', 'login']));
    expect(complete('tenantctl con')).toEqual(['config']);
    expect(complete('tenantctl config ')).toEqual(['set', 'show', 'list', 'remove']);
    expect(complete('tenantctl auth ')).toEqual(['login', 'status', 'token', 'logout']);
  });

  it("offers a command's own flags and the global ones, not other commands'", () => {
    const get = complete('tenantctl get --');
    expect(get).toEqual(
      expect.arrayContaining(['--output', '--field', '--show-secrets', '--url', '--profile']),
    );
    expect(get).not.toContain('--dry-run');
    expect(get).not.toContain('--file');
    expect(get).not.toContain('--drop-read-only');
    expect(complete('tenantctl auth login --')).toEqual(
      expect.arrayContaining(['--username', '--domain', '--password-stdin']),
    );
    // Global flags before the command, with their values, do not get in the way.
    expect(complete('tenantctl --url http://x/api get --sh')).toEqual(['--show-secrets']);
  });

  it('completes field names after set, explain and --field, and values after KEY=', () => {
    expect(complete('tenantctl set recording_ret')).toEqual(['recording_retention=']);
    expect(complete('tenantctl set max_ext')).toEqual([]); // read-only
    expect(complete('tenantctl explain max_ext')).toEqual(['max_extensions']);
    expect(complete('tenantctl get --field time')).toEqual(['timezone']);
    expect(complete('tenantctl set contact_match_type=MATCH_')).toEqual(['MATCH_EXACTLY', 'MATCH_LENGTH']);
    expect(complete('tenantctl set timezone=Europe/Ber')).toEqual(['Europe/Berlin']);
    // Where "=" does not break words, the whole word is offered.
    expect(complete('tenantctl set timezone=Europe/Ber', ' \t\n"\'><;|&(:')).toEqual([
      'timezone=Europe/Berlin',
    ]);
  });

  it('completes option values: choices, shells, and the profiles the config has', () => {
    expect(complete('tenantctl get -o ')).toEqual(['table', 'json', 'yaml']);
    expect(complete('tenantctl completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('tenantctl get --profile ')).toEqual(['lab', 'prod']);
    expect(complete('tenantctl --url ')).toEqual([]);
  });

  it('completes tenant names from the names kept for the server, quoted for the shell, with no request', () => {
    const lab = { TENANTCTL_PROFILE: 'lab' };
    expect(complete('tenantctl get --tenant ', undefined, lab)).toEqual([
      'Shop\\ Berlin',
      'acme',
      'shop-munich',
    ]);
    expect(complete('tenantctl set --tenant sh', undefined, lab)).toEqual(['shop-munich']);
    expect(complete('tenantctl tenants delete S', undefined, lab)).toEqual(['Shop\\ Berlin']);
    // Another server: none kept.
    expect(complete('tenantctl get --tenant ', undefined, { TENANTCTL_PROFILE: 'prod' })).toEqual([]);
  });
});

describe('zsh and fish completion', () => {
  it('zsh runs the same rules through bashcompinit', () => {
    const zsh = zshScript(model);
    expect(zsh.startsWith('#compdef tenantctl\n')).toBe(true);
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -F _tenantctl tenantctl');
  });

  it('fish completes per command', () => {
    const fish = fishScript(model);
    expect(fish).toContain(
      `complete -c tenantctl -n "test (__tenantctl_path) = 'config'" -a "set show list remove"`,
    );
    expect(fish).toMatch(/-n "test \(__tenantctl_path\) = 'get'" -l output -s o -x -a "table json yaml"/);
    expect(fish).not.toMatch(/= 'get'" -l dry-run/);
    expect(fish).toContain(
      `complete -c tenantctl -n "test (__tenantctl_path) = 'get'" -l tenant -x -a '(tenantctl tenants names 2>/dev/null; or begin; tenantctl tenants list >/dev/null 2>&1 &; end)'`,
    );
  });
});
