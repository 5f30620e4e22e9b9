// Completion scripts for bash, zsh and fish, rendered from the completion model: per command, its
// subcommands and flags, field names after set/explain/--field, enum values after KEY=, profile names
// after --profile (asked of `tenantctl config list` when completing), tenant names after --tenant and
// `tenants delete` (the names `tenantctl tenants names` kept; when they are not fresh, a `tenants
// list` in the background refreshes them for the next TAB, which never waits on the network).
import type { CompletionCommand, CompletionModel, ValueKind } from './completion-model.js';

const quote = (words: readonly string[]) => words.join(' ');

/** Every flag that takes a value, with what it takes (the first declaration of a flag decides). */
function valueFlags(model: CompletionModel): Map<string, ValueKind> {
  const flags = new Map<string, ValueKind>();
  for (const command of model.commands)
    for (const { flags: names, value } of command.valueFlags)
      for (const name of names) if (!flags.has(name)) flags.set(name, value);
  return flags;
}

/** The bash words (or command) that complete a value of this kind; files are compgen -f. */
function bashWords(value: ValueKind, model: CompletionModel): string {
  switch (value.kind) {
    case 'fields':
      return quote(model.fields);
    case 'assignments':
      return quote(model.assignments);
    case 'words':
      return quote(value.words);
    case 'profiles':
      return '$(tenantctl config list 2>/dev/null | cut -f1)';
    default:
      return ''; // tenants: see _tenantctl_tenants
  }
}

function bashValueCase(flag: string, value: ValueKind, model: CompletionModel): string {
  if (value.kind === 'files') return `    ${flag}) COMPREPLY=($(compgen -f -- "$cur")); return;;`;
  if (value.kind === 'tenants') return `    ${flag}) _tenantctl_tenants; return;;`;
  return `    ${flag}) COMPREPLY=($(compgen -W "${bashWords(value, model)}" -- "$cur")); return;;`;
}

function bashCommandCase(command: CompletionCommand, model: CompletionModel): string {
  const argument = command.argument ? bashWords(command.argument, model) : '';
  const kind = command.argument?.kind ?? '';
  return `    "${command.path.join(' ')}") subs="${quote(command.subcommands)}"; flags="${quote(command.flags)}"; arg="${argument}"; kind="${kind}";;`;
}

export function bashScript(model: CompletionModel): string {
  const flags = valueFlags(model);
  const takesValue = [...flags.keys()];
  return `# tenantctl completion for bash: eval "$(tenantctl completion bash)"
# Tenant names that start with $cur, quoted for the shell (names may hold spaces); a refresh of the
# kept names in the background when they are not fresh.
_tenantctl_tenants() {
  local IFS=$'\\n' name names
  names=$(tenantctl tenants names 2>/dev/null) || (tenantctl tenants list >/dev/null 2>&1 &)
  COMPREPLY=()
  for name in $names; do
    [[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
  done
}
_tenantctl_enum() {
  case "$1" in
${model.enums.map(({ field, values }) => `    ${field}) echo "${quote(values)}";;`).join('\n')}
  esac
}
_tenantctl() {
  # The word being completed, up to the cursor, split at spaces only (bash also splits at = and :).
  local line=\${COMP_LINE:0:COMP_POINT}
  local cur=\${line##*[[:space:]]}
  local -a words
  read -ra words <<< "\${line:0:\${#line}-\${#cur}}"
  local prev=\${words[\${#words[@]}-1]}
  case "$prev" in
${[...flags].map(([flag, value]) => bashValueCase(flag, value, model)).join('\n')}
  esac
  # The command named so far: the words that are neither flags nor their values.
  local path="" word skip=0 i subs flags arg kind
  for ((i = 1; i < \${#words[@]}; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${takesValue.join('|')}) skip=1; continue;;
      -*) continue;;
    esac
    case " $(_tenantctl_subs "$path") " in
      *" $word "*) path=\${path:+$path }$word;;
      *) break;;
    esac
  done
  case "$path" in
${model.commands.map((command) => bashCommandCase(command, model)).join('\n')}
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return; fi
  if [[ -n $subs ]]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); return; fi
  if [[ $kind == tenants ]]; then _tenantctl_tenants; return; fi
  if [[ $kind == assignments && $cur == *=* ]]; then
    local key=\${cur%%=*} value=\${cur#*=}
    local -a values=($(compgen -W "$(_tenantctl_enum "$key")" -- "$value"))
    # bash replaces only what follows the last "=" when "=" breaks words (its default).
    if [[ $COMP_WORDBREAKS != *=* ]]; then values=("\${values[@]/#/$key=}"); fi
    COMPREPLY=("\${values[@]}")
    return
  fi
  COMPREPLY=($(compgen -W "$arg" -- "$cur"))
  # KEY= goes on without a space; zsh's bashcompinit has no compopt (and needs none).
  if [[ $kind == assignments ]]; then compopt -o nospace 2>/dev/null; fi
}
_tenantctl_subs() {
  case "$1" in
${model.commands.map((command) => `    "${command.path.join(' ')}") echo "${quote(command.subcommands)}";;`).join('\n')}
  esac
}
complete -F _tenantctl tenantctl
`;
}

/** zsh runs the bash completion through its bashcompinit: one set of rules for both shells. */
export function zshScript(model: CompletionModel): string {
  return `#compdef tenantctl
# tenantctl completion for zsh: eval "$(tenantctl completion zsh)", or save it as _tenantctl in $fpath
autoload -U +X bashcompinit && bashcompinit
${bashScript(model).split('\n').slice(1).join('\n')}`;
}

/** fish: the kept tenant names (one per line, spaces and all), refreshed in the background when stale. */
const FISH_TENANTS =
  '(tenantctl tenants names 2>/dev/null; or begin; tenantctl tenants list >/dev/null 2>&1 &; end)';

function fishValue(value: ValueKind, model: CompletionModel): string {
  switch (value.kind) {
    case 'files':
      return '-r -F';
    case 'profiles':
      return "-x -a '(tenantctl config list 2>/dev/null | cut -f1)'";
    case 'tenants':
      return `-x -a '${FISH_TENANTS}'`;
    case 'free':
      return '-x';
    default:
      return `-x -a "${bashWords(value, model)}"`;
  }
}

export function fishScript(model: CompletionModel): string {
  const lines = [
    '# tenantctl completion for fish: tenantctl completion fish > ~/.config/fish/completions/tenantctl.fish',
    'complete -c tenantctl -f',
    '# The command named so far: the words of the command line that are commands.',
    'function __tenantctl_path',
    '  set -l path',
    '  for word in (commandline -opc)[2..-1]',
    '    string match -q -- "-*" $word; and continue',
    '    switch "$path $word"',
    ...model.commands
      .filter((command) => command.path.length > 0)
      .map(
        (command) =>
          `      case ${JSON.stringify(` ${command.path.join(' ')}`)}\n        set path $path ${command.path.at(-1)}`,
      ),
    '      case "*"',
    '        break',
    '    end',
    '  end',
    '  echo "$path"',
    'end',
  ];
  for (const command of model.commands) {
    const condition = `"test (__tenantctl_path) = '${command.path.join(' ')}'"`;
    if (command.subcommands.length > 0) {
      lines.push(`complete -c tenantctl -n ${condition} -a "${quote(command.subcommands)}"`);
    }
    if (command.argument?.kind === 'tenants') {
      lines.push(`complete -c tenantctl -n ${condition} -a '${FISH_TENANTS}'`);
    } else if (command.argument) {
      const words =
        command.argument.kind === 'assignments'
          ? quote(model.assignments)
          : bashWords(command.argument, model);
      lines.push(`complete -c tenantctl -n ${condition} -a "${words}"`);
    }
    for (const flag of command.flags.filter((f) => f.startsWith('--'))) {
      const value = command.valueFlags.find((v) => v.flags.includes(flag))?.value;
      const short = command.valueFlags
        .find((v) => v.flags.includes(flag))
        ?.flags.find((f) => !f.startsWith('--'));
      lines.push(
        `complete -c tenantctl -n ${condition} -l ${flag.slice(2)}${short ? ` -s ${short.slice(1)}` : ''}${value ? ` ${fishValue(value, model)}` : ''}`,
      );
    }
  }
  // A field's values once its KEY= is typed (only then: 900 values at every TAB would drown the rest).
  for (const { field, values } of model.enums) {
    lines.push(
      `complete -c tenantctl -n "test (__tenantctl_path) = 'set'; and string match -q -- '${field}=*' (commandline -ct)" -a "${values.map((v) => `${field}=${v}`).join(' ')}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}
