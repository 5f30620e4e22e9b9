// The command table: every command and option, and argv turned into the command to run with its options.
// Parsing runs no command: main.ts loads the chosen command's module and runs it.
import { specInfo } from '@tenantctl/schema/spec-info';
import { Command, CommanderError, Option } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import type { ConnectionFlags } from './connection.js';

const exitCodesHelp = `
Connection (flags win over the environment, the environment over the profile):
  URL      --url, TENANTCTL_URL, the profile's url
           (the API's base, e.g. https://pbx.example.com/api)
  token    --token-stdin, --token-file FILE, TENANTCTL_TOKEN, the profile's
           token, then its session (tenantctl auth login; only with its URL);
           never taken from an argument (argv is public)
  profile  --profile NAME, TENANTCTL_PROFILE (default "default")

Exit codes:
  0    success
  1    the server refused or failed (throttled; diff, fleet plan: a read failed)
  2    usage or validation error (nothing was sent)
  3    authentication failed: no token, token or password refused, session ended
  4    server unreachable or timed out
  5    drift: diff or fleet plan found something that would change
  130  interrupted (Ctrl-C) in a fleet run; go on with fleet apply --resume RUN
`;

type OutputFormat = 'table' | 'json' | 'yaml';

/** `--tenant ID|NAME`: one of the PBX's tenants, through /tenants/{id} (a SystemAdmin's or a Dealer's). */
interface TenantFlag {
  tenant?: string;
}

export interface GetOptions extends ConnectionFlags, TenantFlag {
  output: OutputFormat;
  field?: string[];
  showSecrets?: boolean;
}
export interface SetOptions extends ConnectionFlags, TenantFlag {
  assignments: string[];
  dryRun?: boolean;
}
export interface ApplyOptions extends ConnectionFlags, TenantFlag {
  file: string;
  dryRun?: boolean;
  dropReadOnly?: boolean;
}
export interface DiffOptions extends ConnectionFlags, TenantFlag {
  file: string;
  dropReadOnly?: boolean;
}
export interface ExplainOptions extends TenantFlag {
  field?: string;
  /** Every value of an enum field, one per line. */
  values?: boolean;
}
export interface ConfigOptions {
  profile?: string;
  url?: string;
  tokenFile?: string;
  tokenStdin?: boolean;
}
export interface AuthLoginOptions extends ConnectionFlags {
  username?: string;
  domain?: string;
  passwordStdin?: boolean;
}
export interface DoctorOptions extends ConnectionFlags {
  output: 'table' | 'json';
}
export interface TenantsListOptions extends ConnectionFlags {
  output: OutputFormat;
  search?: string;
  filter?: string;
  orderBy?: string;
}
export interface TenantsCreateOptions extends ConnectionFlags {
  file?: string;
  name?: string;
  assignments: string[];
}
export interface TenantsDeleteOptions extends ConnectionFlags {
  tenant: string;
  yes?: boolean;
}
export interface StatusOptions extends ConnectionFlags {
  output: OutputFormat;
}
export interface FleetPlanOptions extends ConnectionFlags {
  file: string;
  out?: string;
  output: 'table' | 'json';
  concurrency?: string;
}
export interface FleetApplyOptions extends ConnectionFlags {
  file?: string;
  plan?: string;
  resume?: string;
  output: 'table' | 'json';
  concurrency?: string;
  yes?: boolean;
}
export interface FleetUndoOptions extends ConnectionFlags {
  run: string;
  output: 'table' | 'json';
  concurrency?: string;
  yes?: boolean;
}
export interface FleetHistoryOptions extends ConnectionFlags {
  output: 'table' | 'json';
}
export interface CompletionOptions {
  shell: string;
  program: Command;
}

/** What argv asks for: a command and its options (connection flags merged from both levels). */
export type Invocation =
  | { command: 'get'; options: GetOptions }
  | { command: 'set'; options: SetOptions }
  | { command: 'apply'; options: ApplyOptions }
  | { command: 'diff'; options: DiffOptions }
  | { command: 'explain'; options: ExplainOptions }
  | { command: 'config set' | 'config show' | 'config list' | 'config remove'; options: ConfigOptions }
  | { command: 'auth login'; options: AuthLoginOptions }
  | { command: 'auth status' | 'auth token' | 'auth logout'; options: ConnectionFlags }
  | { command: 'doctor'; options: DoctorOptions }
  | { command: 'tenants list'; options: TenantsListOptions }
  | { command: 'tenants create'; options: TenantsCreateOptions }
  | { command: 'tenants delete'; options: TenantsDeleteOptions }
  | { command: 'tenants names'; options: ConnectionFlags }
  | { command: 'status'; options: StatusOptions }
  | { command: 'fleet plan'; options: FleetPlanOptions }
  | { command: 'fleet apply'; options: FleetApplyOptions }
  | { command: 'fleet undo'; options: FleetUndoOptions }
  | { command: 'fleet history'; options: FleetHistoryOptions }
  | { command: 'completion'; options: CompletionOptions };

interface Globals {
  verbose: boolean;
  color: boolean;
}

/** Commander's outcome when no command runs: help or version printed (0), or a usage mistake (2). */
export interface Parsed {
  invocation?: Invocation;
  globals: Globals;
  exitCode?: 0 | 2;
}

/** `tenantctl 0.2.0 (spec: PBX Tenant API 0.2.0)`: the CLI's version and the spec it was built from. */
const VERSION = `tenantctl ${cliPackage.version} (spec: ${specInfo.title} ${specInfo.version})`;

/** Builds the program; the chosen command is handed to `choose`, not run. */
export function buildProgram(choose: (invocation: Invocation, command: Command) => void): Command {
  const program = new Command('tenantctl')
    .description("Read and change a PBX tenant's configuration through its REST API.")
    .version(VERSION, '-V, --version')
    .option('--url <url>', 'base URL of the API (with its /api prefix)')
    .option('--token-file <file>', 'read the token from this file')
    .option('--token-stdin', 'read the token from standard input')
    .option('--profile <name>', 'profile of tenantctl config to use')
    .option('--timeout <seconds>', 'per-request timeout (default 30)')
    .option('-v, --verbose', 'say more, and show stack traces')
    .option('--no-color', 'no colors (also: NO_COLOR, or output that is not a terminal)')
    .addHelpText('after', exitCodesHelp)
    .showHelpAfterError('(run tenantctl --help for usage)')
    .exitOverride();

  // Connection flags may come before or after the command: read both levels.
  const merged = <T>(command: Command, own: object) =>
    ({ ...(command.optsWithGlobals() as ConnectionFlags), ...own }) as T;
  const tenantOption = () =>
    new Option(
      '--tenant <id|name>',
      "one of the PBX's tenants, by id or name (id:X or name:X to say which), through /tenants/{id}",
    );
  const outputOption = () =>
    new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'yaml']).default('table');

  program
    .command('get')
    .description('show the tenant')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['table', 'json', 'yaml'])
        .default('table'),
    )
    .option('--field <name...>', 'only these fields (one: its bare value for $(…); a blank, an empty line)')
    .option('--show-secrets', 'show secrets (stir_shaken_key, webhook credentials) in table output')
    .addOption(tenantOption())
    .action((options: object, command: Command) =>
      choose({ command: 'get', options: merged(command, options) }, command),
    );

  program
    .command('set')
    .description('set fields: tenantctl set recording_retention=90 enable_audio_recording=true')
    .argument(
      '<KEY=VALUE...>',
      'fields to set; KEY= sets an empty string; a secret (stir_shaken_key) only as KEY=@FILE or KEY=@-',
    )
    .option('--dry-run', 'validate and show the diff, send nothing')
    .addOption(tenantOption())
    .action((assignments: string[], options: object, command: Command) =>
      choose({ command: 'set', options: merged(command, { ...options, assignments }) }, command),
    );

  program
    .command('apply')
    .description('apply a JSON or YAML file of settable fields (only the fields that differ are sent)')
    .requiredOption('-f, --file <file>', 'the file, or - for standard input')
    .option('--dry-run', 'validate and show the diff, send nothing')
    .option('--drop-read-only', 'ignore read-only fields (as in a file made by get -o yaml)')
    .addOption(tenantOption())
    .action((options: object, command: Command) =>
      choose({ command: 'apply', options: merged(command, options) }, command),
    );

  program
    .command('diff')
    .description('show what apply would change; exit 0 when nothing, 1 when something')
    .requiredOption('-f, --file <file>', 'the file, or - for standard input')
    .option('--drop-read-only', 'ignore read-only fields')
    .addOption(tenantOption())
    .action((options: object, command: Command) =>
      choose({ command: 'diff', options: merged(command, options) }, command),
    );

  program
    .command('explain')
    .description('describe a field from the spec, or list them all')
    .argument('[field]')
    .option('--values', 'every value the field takes, one per line (for grep)')
    .addOption(
      new Option('--tenant <id|name>', 'describe what set --tenant can change (by id), not what /tenant can'),
    )
    .action((field: string | undefined, options: { values?: boolean; tenant?: string }, command: Command) =>
      choose(
        {
          command: 'explain',
          options: {
            ...(field === undefined ? {} : { field }),
            ...(options.values ? { values: true } : {}),
            ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
          },
        },
        command,
      ),
    );

  const config = program
    .command('config')
    .description('named profiles: base URL and where the token comes from');
  const configAction = (name: 'set' | 'show' | 'list' | 'remove') => (_options: object, command: Command) =>
    choose({ command: `config ${name}`, options: command.optsWithGlobals() as ConfigOptions }, command);
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

  const auth = program
    .command('auth')
    .description('sign in to the PBX with a user name and password; the session renews itself');
  const addLogin = (command: Command) =>
    command
      .option('--url <url>', 'base URL of the API (asked on a terminal when not known)')
      .option('--username <name>', 'the user name (asked on a terminal when not given)')
      .option('--domain <domain>', "the tenant's SIP domain, when the user name exists in several tenants")
      .option(
        '--password-stdin',
        'read the password from the first line of standard input (and a one-time code from the next)',
      )
      .option('--profile <name>', 'the profile to keep the session in')
      .action((options: object, cmd: Command) =>
        choose({ command: 'auth login', options: merged<AuthLoginOptions>(cmd, options) }, cmd),
      );
  addLogin(
    auth.command('login').description('sign in and keep the session in the profile (never the password)'),
  );
  const authAction = (name: 'status' | 'token' | 'logout') => (options: object, cmd: Command) =>
    choose({ command: `auth ${name}`, options: merged<ConnectionFlags>(cmd, options) }, cmd);
  auth
    .command('status')
    .description('who is signed in where, and until when; exit 3 when signed out')
    .option('--profile <name>', 'profile name')
    .action(authAction('status'));
  auth
    .command('token')
    .description('print a valid access token (refreshed first if needed), for scripts and curl')
    .option('--profile <name>', 'profile name')
    .action(authAction('token'));
  const addLogout = (command: Command) =>
    command.option('--profile <name>', 'profile name').action(authAction('logout'));
  addLogout(auth.command('logout').description('sign out on the server and remove the session'));
  addLogin(program.command('login').description('sign in (same as tenantctl auth login)'));
  addLogout(program.command('logout').description('sign out (same as tenantctl auth logout)'));

  program
    .command('doctor')
    .description('check the configuration, the way to the PBX, its clock, the credential and the contract')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .addHelpText(
      'after',
      '\nEach line is ✔ (fine), ⚠ (works, but look at it) or ✘ (broken), with what to do.\nExit 0 when nothing is broken (warnings included), 1 when something is.',
    )
    .action((options: object, command: Command) =>
      choose({ command: 'doctor', options: merged(command, options) }, command),
    );

  const tenants = program
    .command('tenants')
    .description('every tenant of the PBX, for its SystemAdmin and its Dealers (GET/POST /tenants…)');
  tenants
    .command('list')
    .description('list the tenants you may see (every page)')
    .addOption(outputOption())
    .option('--search <text>', 'tenants whose name or domain holds this text, in any case')
    .option(
      '--filter <expr>',
      'FIELD eq|ne VALUE joined by and, e.g. "enabled eq true and region eq \'DEU\'"',
    )
    .option('--order-by <field>', 'a summary field, then optionally asc or desc, e.g. "name desc"')
    .action((options: object, command: Command) =>
      choose({ command: 'tenants list', options: merged(command, options) }, command),
    );
  tenants
    .command('create')
    .description('create a tenant: --name NAME [KEY=VALUE…], or -f FILE (JSON or YAML); prints its id')
    .argument('[KEY=VALUE...]', 'fields of the new tenant, as for set --tenant')
    .option('--name <name>', "the new tenant's name")
    .option('-f, --file <file>', 'the new tenant as a file, or - for standard input')
    .action((assignments: string[], options: object, command: Command) =>
      choose({ command: 'tenants create', options: merged(command, { ...options, assignments }) }, command),
    );
  tenants
    .command('delete')
    .description('delete a tenant with its users, sessions and tokens (asks first on a terminal)')
    .argument('<id|name>', 'the tenant, by id or by name (a name that several tenants have is refused)')
    .option('--yes', 'do not ask (needed where there is no terminal to ask on)')
    .action((tenant: string, options: object, command: Command) =>
      choose({ command: 'tenants delete', options: merged(command, { ...options, tenant }) }, command),
    );
  tenants
    .command('names', { hidden: true })
    .description('the tenant names kept for completion; exit 1 when they are not fresh')
    .action((options: object, command: Command) =>
      choose({ command: 'tenants names', options: merged(command, options) }, command),
    );

  const fleet = program
    .command('fleet')
    .description('one baseline over many tenants and PBXs: plan it, apply it (resumable), undo it');
  const tableOrJson = () =>
    new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table');
  const concurrencyOption = () => new Option('--concurrency <n>', 'requests in flight per PBX (default 4)');
  fleet
    .command('plan')
    .description('show what a fleet file would change; exit 0 when nothing, 1 when something')
    .requiredOption('-f, --file <file>', 'the fleet file (YAML or JSON), or - for standard input')
    .option('--out <plan>', 'save the plan: each tenant, its PBX, the ETag read and the changes')
    .addOption(tableOrJson())
    .addOption(concurrencyOption())
    .action((options: object, command: Command) =>
      choose({ command: 'fleet plan', options: merged(command, options) }, command),
    );
  fleet
    .command('apply')
    .description('apply a fleet file (asks first) or exactly a saved plan; --resume finishes a run')
    .option('-f, --file <file>', 'the fleet file (with --plan or --resume: for the values of secret fields)')
    .option('--plan <plan>', 'a plan saved by fleet plan --out')
    .option('--resume <run>', 'finish a run that was interrupted (tenantctl fleet history)')
    .option('--yes', 'do not ask (needed where there is no terminal to ask on)')
    .addOption(tableOrJson())
    .addOption(concurrencyOption())
    .action((options: object, command: Command) =>
      choose({ command: 'fleet apply', options: merged(command, options) }, command),
    );
  fleet
    .command('history')
    .description('the fleet runs of this machine, newest last')
    .addOption(tableOrJson())
    .action((options: object, command: Command) =>
      choose({ command: 'fleet history', options: merged(command, options) }, command),
    );
  fleet
    .command('undo')
    .description('put back the values a run changed, where nobody changed them since')
    .argument('<run>', 'the run (tenantctl fleet history)')
    .option('--yes', 'do not ask (needed where there is no terminal to ask on)')
    .addOption(tableOrJson())
    .addOption(concurrencyOption())
    .action((run: string, options: object, command: Command) =>
      choose({ command: 'fleet undo', options: merged(command, { ...options, run }) }, command),
    );

  program
    .command('status')
    .description("the current tenant's use and the PBX's version (GET /tenant/status)")
    .addOption(outputOption())
    .action((options: object, command: Command) =>
      choose({ command: 'status', options: merged(command, options) }, command),
    );

  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string, _options: object, command: Command) =>
      choose({ command: 'completion', options: { shell, program } }, command),
    );

  return program;
}

/** Reads argv (`process.argv`: node and the script first) without running anything. */
export async function parseArgv(argv: readonly string[]): Promise<Parsed> {
  let invocation: Invocation | undefined;
  let globals: Globals = { verbose: false, color: true };
  const program = buildProgram((chosen, command) => {
    invocation = chosen;
    const all = command.optsWithGlobals() as { verbose?: boolean; color?: boolean };
    globals = { verbose: all.verbose === true, color: all.color !== false };
  });
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    // Help and version end here with code 0; usage mistakes (already printed) with 2.
    if (error instanceof CommanderError) return { globals, exitCode: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
  return invocation ? { invocation, globals } : { globals, exitCode: 0 };
}
