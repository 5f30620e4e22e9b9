// The command table: every command and option, each command's code loaded only when it runs.
import { Command, Option } from 'commander';
import type { ConnectionFlags } from './connection.js';
import type { ExitCodeValue } from './exit-error.js';
import type { Io } from './io.js';

const exitCodesHelp = `
Connection (flags win over environment, environment over the profile):
  --url / TENANTCTL_URL / profile url           base URL with the API prefix, e.g. https://pbx.example.com/api
  --token-file / --token-stdin / TENANTCTL_TOKEN / profile token
                                                 the token is never taken from an argument (argv is public)
  --profile / TENANTCTL_PROFILE                  profile name (default "default"); see tenantctl config

Exit codes:
  0  success
  1  the server refused or failed (diff: something would change)
  2  usage or validation error (nothing was sent)
  3  authentication failed (no token, or the token was rejected)
  4  server unreachable or timed out
`;

export type Runner = (io: Io) => Promise<ExitCodeValue>;

/** Builds the program; `setRunner` receives the chosen command's work, run by main with the right Io. */
export function buildProgram(
  setRunner: (runner: Runner, globals: { verbose: boolean; color: boolean }) => void,
): Command {
  const program = new Command('tenantctl')
    .description("Read and change a PBX tenant's configuration through its REST API.")
    .version('0.1.0', '-V, --version')
    .option('--url <url>', 'base URL of the API, e.g. https://pbx.example.com/api')
    .option('--token-file <file>', 'read the token from this file')
    .option('--token-stdin', 'read the token from standard input')
    .option('--profile <name>', 'profile of tenantctl config to use')
    .option('--timeout <seconds>', 'per-request timeout (default 30)')
    .option('-v, --verbose', 'say more, and show stack traces')
    .option('--no-color', 'no colors (also: NO_COLOR, or output that is not a terminal)')
    .addHelpText('after', exitCodesHelp)
    .showHelpAfterError('(run tenantctl --help for usage)')
    .exitOverride();

  const globals = (command: Command) => {
    const all = command.optsWithGlobals() as ConnectionFlags & { verbose?: boolean; color?: boolean };
    return { flags: all, verbose: all.verbose === true, color: all.color !== false };
  };
  const runWith = (command: Command, runner: Runner) => {
    const { verbose, color } = globals(command);
    setRunner(runner, { verbose, color });
  };

  program
    .command('get')
    .description('show the tenant')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['table', 'json', 'yaml'])
        .default('table'),
    )
    .option('--field <name...>', 'only these fields (one field: its bare value, for $(…))')
    .option('--show-secrets', 'show stir_shaken_key in table output instead of <redacted>')
    .action((options, command: Command) => {
      const { flags } = globals(command);
      runWith(command, async (io) => (await import('./commands/get.js')).run({ ...flags, ...options }, io));
    });

  program
    .command('set')
    .description('set fields: tenantctl set recording_retention=90 enable_audio_recording=true')
    .argument(
      '<KEY=VALUE...>',
      'fields to set; KEY= sets an empty string; a secret (stir_shaken_key) only as KEY=@FILE or KEY=@-',
    )
    .option('--dry-run', 'validate and show the diff, send nothing')
    .action((assignments: string[], options, command: Command) => {
      const { flags } = globals(command);
      runWith(command, async (io) =>
        (await import('./commands/set.js')).run(assignments, { ...flags, ...options }, io),
      );
    });

  program
    .command('apply')
    .description('apply a JSON or YAML file of settable fields (only the fields that differ are sent)')
    .requiredOption('-f, --file <file>', 'the file, or - for standard input')
    .option('--dry-run', 'validate and show the diff, send nothing')
    .option('--drop-read-only', 'ignore read-only fields (as in a file made by get -o yaml)')
    .action((options, command: Command) => {
      const { flags } = globals(command);
      runWith(command, async (io) => (await import('./commands/apply.js')).run({ ...flags, ...options }, io));
    });

  program
    .command('diff')
    .description('show what apply would change; exit 0 when nothing, 1 when something')
    .requiredOption('-f, --file <file>', 'the file, or - for standard input')
    .option('--drop-read-only', 'ignore read-only fields')
    .action((options, command: Command) => {
      const { flags } = globals(command);
      runWith(command, async (io) => (await import('./commands/diff.js')).run({ ...flags, ...options }, io));
    });

  program
    .command('explain')
    .description('describe a field from the spec, or list them all')
    .argument('[field]')
    .action((field: string | undefined, _options, command: Command) => {
      runWith(command, async (io) => (await import('./commands/explain.js')).run(field, io));
    });

  // --url, --token-file, --token-stdin and --profile are also global options: read both levels.
  const configAction =
    (name: 'set' | 'show' | 'list' | 'remove') => (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals();
      runWith(command, async (io) => (await import('./commands/config.js'))[name](options, io));
    };
  const config = program
    .command('config')
    .description('named profiles: base URL and where the token comes from');
  config
    .command('set')
    .description('create or change a profile')
    .option('--profile <name>', 'profile name', 'default')
    .option('--url <url>', 'base URL of the API')
    .option('--token-file <file>', 'take the token from this file')
    .option('--token-stdin', 'store the token read from standard input (config file mode 0600)')
    .action(configAction('set'));
  config
    .command('show')
    .description('show a profile (never the token)')
    .option('--profile <name>', 'profile name', 'default')
    .action(configAction('show'));
  config.command('list').description('list profiles').action(configAction('list'));
  config
    .command('remove')
    .description('remove a profile')
    .option('--profile <name>', 'profile name', 'default')
    .action(configAction('remove'));

  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string, _options, command: Command) => {
      runWith(command, async (io) => (await import('./commands/completion.js')).run(shell, program, io));
    });

  return program;
}
