// What a shell can complete, read from the program (commands, their own and inherited options, what
// each option and argument takes) and from the spec (field names, settable fields, enum values).
import { settableFieldNames, tenantFields } from '@tenantctl/schema/fields';
import type { Command, Option } from 'commander';

/** What follows an option or fills an argument. */
export type ValueKind =
  | { kind: 'fields' }
  | { kind: 'assignments' }
  | { kind: 'files' }
  | { kind: 'profiles' }
  /** Tenant names, from the names `tenantctl` kept (never a request on TAB). */
  | { kind: 'tenants' }
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'free' };

export interface CompletionCommand {
  /** The words that name it, e.g. `['auth', 'login']`; `[]` for the program itself. */
  path: string[];
  subcommands: string[];
  /** Every flag it takes, its ancestors' (global) flags included: `--output`, `-o`… */
  flags: string[];
  /** The flags that take a value, and which. */
  valueFlags: { flags: string[]; value: ValueKind }[];
  /** What its positional arguments are, if it has any worth completing. */
  argument?: ValueKind;
}

export interface CompletionModel {
  commands: CompletionCommand[];
  fields: string[];
  assignments: string[];
  /** The values of every settable field that has a list of them. */
  enums: { field: string; values: readonly string[] }[];
}

function flagsOf(option: Option): string[] {
  return [option.long, option.short].filter((flag): flag is string => Boolean(flag));
}

/** What an option's value is, by what it is called (files and profiles) or what it allows (choices). */
function valueKindOf(option: Option): ValueKind {
  if (option.argChoices) return { kind: 'words', words: option.argChoices };
  if (option.long === '--field') return { kind: 'fields' };
  if (option.long === '--profile') return { kind: 'profiles' };
  if (option.long === '--tenant') return { kind: 'tenants' };
  if (option.long === '--file' || option.long === '--token-file') return { kind: 'files' };
  return { kind: 'free' };
}

/** What an argument holds, by its name in the program (`<KEY=VALUE...>`, `[field]`, `<shell>`). */
function argumentOf(command: Command, shells: readonly string[]): ValueKind | undefined {
  const name = command.registeredArguments[0]?.name();
  if (name === 'KEY=VALUE') return { kind: 'assignments' };
  if (name === 'field') return { kind: 'fields' };
  if (name === 'shell') return { kind: 'words', words: shells };
  if (name === 'id|name') return { kind: 'tenants' };
  return undefined;
}

export function completionModel(program: Command, shells: readonly string[]): CompletionModel {
  const commands: CompletionCommand[] = [];
  const visit = (command: Command, path: string[], inherited: readonly Option[]) => {
    const options = [...inherited, ...command.options];
    // --version belongs to the program alone; every other global flag works after any command.
    const passedOn = options.filter((option) => option.long !== '--version');
    const argument = argumentOf(command, shells);
    commands.push({
      path,
      subcommands: command.commands.map((sub) => sub.name()),
      flags: [...new Set([...options.flatMap(flagsOf), '--help'])],
      valueFlags: options
        .filter((option) => option.required || option.optional)
        .map((option) => ({ flags: flagsOf(option), value: valueKindOf(option) })),
      ...(argument ? { argument } : {}),
    });
    for (const sub of command.commands) visit(sub, [...path, sub.name()], passedOn);
  };
  visit(program, [], []);
  const settable = new Set(settableFieldNames());
  return {
    commands,
    fields: tenantFields().map((field) => field.name),
    assignments: [...settable].map((name) => `${name}=`),
    enums: tenantFields()
      .filter((field) => settable.has(field.name) && field.enum)
      .map((field) => ({ field: field.name, values: field.enum ?? [] })),
  };
}
