// The entry: parses argv, runs the command, maps any error to its message and exit code.
// The only place that sets the process's exit code.
import type { CommandDeps } from './command-deps.js';
import type { Connection, ConnectionFlags } from './connection.js';
import { ExitCode, type ExitCodeValue } from './exit-error.js';
import { processIo } from './io.js';
import { type Invocation, parseArgv } from './program.js';
import type { ErrorContext } from './report-error.js';
import { installLiteWebClasses } from './web-lite.js';

type Run<O> = (options: O, deps: CommandDeps) => Promise<ExitCodeValue>;
type CommandOf<N extends Invocation['command']> = Run<Extract<Invocation, { command: N }>['options']>;

/** Each command's code, loaded only when it runs (a `--help` loads none of them). */
const commands: { [N in Invocation['command']]: () => Promise<CommandOf<N>> } = {
  get: async () => (await import('./commands/get.js')).run,
  set: async () => (await import('./commands/set.js')).run,
  apply: async () => (await import('./commands/apply.js')).run,
  diff: async () => (await import('./commands/diff.js')).run,
  explain: async () => (await import('./commands/explain.js')).run,
  completion: async () => (await import('./commands/completion.js')).run,
  doctor: async () => (await import('./commands/doctor.js')).run,
  status: async () => (await import('./commands/status.js')).run,
  'tenants list': async () => (await import('./commands/tenants.js')).list,
  'tenants create': async () => (await import('./commands/tenants.js')).create,
  'tenants delete': async () => (await import('./commands/tenants.js')).remove,
  'tenants names': async () => (await import('./commands/tenants.js')).names,
  'fleet plan': async () => (await import('./commands/fleet.js')).plan,
  'fleet apply': async () => (await import('./commands/fleet.js')).apply,
  'fleet undo': async () => (await import('./commands/fleet.js')).undo,
  'fleet history': async () => (await import('./commands/fleet.js')).history,
  'auth login': async () => (await import('./commands/auth-login.js')).run,
  'auth status': async () => (await import('./commands/auth.js')).status,
  'auth token': async () => (await import('./commands/auth.js')).token,
  'auth logout': async () => (await import('./commands/auth.js')).logout,
  'config set': async () => (await import('./commands/config.js')).set,
  'config show': async () => (await import('./commands/config.js')).show,
  'config list': async () => (await import('./commands/config.js')).list,
  'config remove': async () => (await import('./commands/config.js')).remove,
};

/** What an error message may say about the connection: where the token came from, how to sign in again. */
function errorContext(connection: Connection): ErrorContext {
  if (!connection.session) return { tokenSource: connection.tokenSource };
  const { profileName } = connection.session;
  return {
    tokenSource: connection.tokenSource,
    signIn: `tenantctl auth login${profileName === 'default' ? '' : ` --profile ${profileName}`}`,
  };
}

async function main(argv: readonly string[]): Promise<ExitCodeValue> {
  const { invocation, globals, exitCode } = await parseArgv(argv);
  if (!invocation) return exitCode ?? ExitCode.ok;
  // Before the client is loaded: see web-lite.ts.
  installLiteWebClasses();
  const io = processIo(globals);
  // The connection in use, remembered so that an error can name where the token came from.
  let connection: Connection | undefined;
  const deps: CommandDeps = {
    io,
    // Loaded when a command reads a file: node:fs/promises is not free to load at every start.
    readTextFile: (path) => process.getBuiltinModule('node:fs/promises').readFile(path, 'utf8'),
    async connect(flags: ConnectionFlags, tuning) {
      const { resolveConnection, createClientFor } = await import('./connection.js');
      connection = await resolveConnection(flags, deps);
      return createClientFor(connection, flags, io, tuning);
    },
  };
  try {
    const run = (await commands[invocation.command]()) as Run<typeof invocation.options>;
    return await run(invocation.options, deps);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    return reportError(error, io, connection ? errorContext(connection) : {});
  }
}

// A reader that stops early (`tenantctl explain | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
main(process.argv).then((code) => {
  process.exitCode = code;
});
