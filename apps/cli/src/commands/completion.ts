import { settableFieldNames, tenantFields } from '@tenantctl/schema/fields';
import type { Command } from 'commander';
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import type { CompletionOptions } from '../program.js';

interface Words {
  commands: string[];
  options: string[];
  fields: string[];
  assignments: string[];
}

/** Everything worth completing, read from the program itself and from the spec. */
function words(program: Command): Words {
  const commands = program.commands.map((command) => command.name());
  const options = [...program.options, ...program.commands.flatMap((command) => command.options)]
    .map((option) => option.long)
    .filter((long): long is string => Boolean(long));
  return {
    commands,
    options: [...new Set(options)],
    fields: tenantFields().map((field) => field.name),
    assignments: settableFieldNames().map((name) => `${name}=`),
  };
}

function bash(w: Words): string {
  return `# tenantctl completion for bash: eval "$(tenantctl completion bash)"
_tenantctl() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd=\${COMP_WORDS[1]}
  case "$prev" in
    -o|--output) COMPREPLY=($(compgen -W "table json yaml" -- "$cur")); return;;
    --field) COMPREPLY=($(compgen -W "${w.fields.join(' ')}" -- "$cur")); return;;
    -f|--file|--token-file) COMPREPLY=($(compgen -f -- "$cur")); return;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${w.commands.join(' ')}" -- "$cur")); return; fi
  case "$cmd" in
    set) compopt -o nospace; COMPREPLY=($(compgen -W "${w.assignments.join(' ')} ${w.options.join(' ')}" -- "$cur"));;
    explain) COMPREPLY=($(compgen -W "${w.fields.join(' ')}" -- "$cur"));;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"));;
    *) COMPREPLY=($(compgen -W "${w.options.join(' ')}" -- "$cur"));;
  esac
}
complete -F _tenantctl tenantctl
`;
}

function zsh(w: Words): string {
  return `#compdef tenantctl
# tenantctl completion for zsh: tenantctl completion zsh > "\${fpath[1]}/_tenantctl"
_tenantctl() {
  local -a commands fields assignments options
  commands=(${w.commands.join(' ')})
  fields=(${w.fields.join(' ')})
  assignments=(${w.assignments.join(' ')})
  options=(${w.options.join(' ')})
  if (( CURRENT == 2 )); then compadd -a commands; return; fi
  case "$words[2]" in
    set) compadd -S '' -a assignments; compadd -a options;;
    explain) compadd -a fields;;
    completion) compadd bash zsh fish;;
    *) case "$words[CURRENT-1]" in
         --field) compadd -a fields;;
         -o|--output) compadd table json yaml;;
         -f|--file|--token-file) _files;;
         *) compadd -a options;;
       esac;;
  esac
}
compdef _tenantctl tenantctl
`;
}

function fish(w: Words): string {
  const lines = [
    '# tenantctl completion for fish: tenantctl completion fish > ~/.config/fish/completions/tenantctl.fish',
    'complete -c tenantctl -f',
    `complete -c tenantctl -n __fish_use_subcommand -a "${w.commands.join(' ')}"`,
    `complete -c tenantctl -n "__fish_seen_subcommand_from set" -a "${w.assignments.join(' ')}"`,
    `complete -c tenantctl -n "__fish_seen_subcommand_from explain" -a "${w.fields.join(' ')}"`,
    `complete -c tenantctl -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"`,
    `complete -c tenantctl -l field -x -a "${w.fields.join(' ')}"`,
    'complete -c tenantctl -s o -l output -x -a "table json yaml"',
    'complete -c tenantctl -s f -l file -r -F',
    ...w.options
      .filter((o) => !['--field', '--output', '--file'].includes(o))
      .map((o) => `complete -c tenantctl -l ${o.slice(2)}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function run(
  { shell, program }: CompletionOptions,
  { io }: CommandDeps,
): Promise<ExitCodeValue> {
  const render = { bash, zsh, fish }[shell];
  if (!render) throw usageError(`no completion for "${shell}": choose bash, zsh or fish`);
  io.out(render(words(program)));
  return ExitCode.ok;
}
