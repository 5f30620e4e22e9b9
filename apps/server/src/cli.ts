#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
// tenant-server: runs the reference server, and administers its tenants, tokens and users.
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AdminError,
  assignDealer,
  createTenant,
  createToken,
  createUser,
  removeUser,
  setLimits,
  systemFieldNames,
} from './admin.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_PREFIX } from './app.js';
import { defaultSignInPolicy } from './auth/sign-in.js';
import { isOrigin } from './cors.js';
import { chooseDatabase } from './default-paths.js';
import { staticReferencePage } from './docs/reference-page.js';
import { readFirstLine } from './read-stdin.js';
import { createRequestLog } from './request-log.js';
import { closeOnSignals, DEFAULT_PORT, PortInUseError, serve } from './server.js';
import { isPostgresUrl, openStore, type Store } from './storage/open-store.js';
import { redactDatabaseUrl } from './storage/postgres-store.js';
import { StoreUnavailableError } from './storage/store-unavailable.js';
import { FAILURES_KEPT_MS } from './storage/store-values.js';
import { isAddressOrRange } from './trusted-proxies.js';

const usage = `Usage: tenant-server <command> [options]

Commands:
  serve [--host H] [--port N] [--prefix /api] [--synchronous FULL|NORMAL] [--log-level info|warn|silent]
        [--access-token-ttl SECONDS] [--mail-dir DIR] [--sign-in-attempts N] [--sign-in-window SECONDS]
        [--sign-in-address-attempts N] [--sign-in-account-attempts N] [--trust-proxy ADDR]...
        [--pool-size N] [--cors-origin ORIGIN]...
                                     run the Tenant API (default http://127.0.0.1:${DEFAULT_PORT}${DEFAULT_PREFIX}),
                                     its reference at ${DEFAULT_PREFIX}/docs; --cors-origin lets that origin's pages call it
  docs --out FILE                    write the API reference as one self-contained HTML file
  tenants create --name NAME         create a tenant with the spec's defaults, print its id and a first token
  tenants list                       list tenants (id and name)
  tenants assign --tenant ID --dealer NAME
                                     assign a tenant to a dealer (who then sees and changes it)
  tenants set-limits --tenant ID KEY=VALUE...
                                     set system-side fields (${systemFieldNames().slice(0, 3).join(', ')}, …)
  tokens create --tenant ID          print a new API token for the tenant (shown once, stored hashed)
  tokens revoke --token-id ID        revoke a token
  users create --tenant ID --username NAME --password-stdin [--two-factor --email ADDRESS] [--role ROLE]
                                     add a tenant's user who signs in (the password from the first line of stdin)
  users create --role SystemAdmin|Dealer --username NAME --password-stdin
                                     add a system user (no --tenant): a SystemAdmin sees every tenant through
                                     /tenants, a Dealer the tenants assigned to them
  users list [--tenant ID]           list users (tenant or "-" for a system user, name, role, second factor)
  users remove [--tenant ID] --username NAME
                                     remove a user (without --tenant: a system user) and end their sessions

Every command takes --database PATH|URL: a SQLite file, or postgres://user:password@host:port/db for
PostgreSQL (several servers on one database share one state; a pool of --pool-size connections each,
default 10). Default: $TENANT_SERVER_DATABASE, else --db PATH / $TENANT_SERVER_DB, else
apps/server/data/tenants.db.
Access tokens live ${defaultSignInPolicy.accessTokenTtl} s by default; one-time codes are written as files into
--mail-dir (default: "mail" beside the database).
Failed sign-ins are counted per account (a tenant's user or a system user) and per client address, for
--sign-in-window seconds (default ${defaultSignInPolicy.failureWindow}, at most 86400); sign-in answers 429 with Retry-After:
  - to an address after ${defaultSignInPolicy.failureLimit} failures for one account (--sign-in-attempts), for that account;
  - to an address after ${defaultSignInPolicy.addressFailureLimit} failures for any accounts (--sign-in-address-attempts: password
    spraying), for every account;
  - for an account after ${defaultSignInPolicy.accountFailureLimit} failures from all addresses (--sign-in-account-attempts), to the
    addresses it has not signed in from in the last ${defaultSignInPolicy.knownAddressTtl / 86400} days: its owner still gets in.
A right password forgets that account's failures from that address only. The client address is the
connection's; --trust-proxy ADDR (an address or CIDR range, repeatable; none by default) names load
balancers whose X-Forwarded-For is believed: the client is then the last address in it not trusted.
SQLite engine: node:sqlite where Node.js has it (22.13+), else better-sqlite3; TENANT_SERVER_SQLITE chooses.
Request bodies are limited to ${DEFAULT_BODY_LIMIT} bytes (413 above).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    database: { type: 'string' },
    'pool-size': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
    out: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    prefix: { type: 'string' },
    synchronous: { type: 'string' },
    'log-level': { type: 'string' },
    'access-token-ttl': { type: 'string' },
    'mail-dir': { type: 'string' },
    'sign-in-attempts': { type: 'string' },
    'sign-in-window': { type: 'string' },
    'sign-in-address-attempts': { type: 'string' },
    'sign-in-account-attempts': { type: 'string' },
    'trust-proxy': { type: 'string', multiple: true },
    name: { type: 'string' },
    tenant: { type: 'string' },
    'token-id': { type: 'string' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'two-factor': { type: 'boolean' },
    email: { type: 'string' },
    role: { type: 'string' },
    dealer: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

type Required = 'name' | 'tenant' | 'token-id' | 'username' | 'dealer';

function required(name: Required): string {
  const value = values[name];
  if (value === undefined) throw new AdminError(`--${name} is required\n\n${usage}`);
  return value;
}

/** A whole number ≥ 1 (and ≤ `max`) given as an option, or undefined when absent. */
function wholeNumber(
  name:
    | 'access-token-ttl'
    | 'sign-in-attempts'
    | 'sign-in-window'
    | 'sign-in-address-attempts'
    | 'sign-in-account-attempts',
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AdminError(
      `--${name} takes a whole number ≥ 1${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}`,
    );
  }
  return value;
}

/** Where one-time codes are mailed: beside a SQLite file, or in ./mail for a database elsewhere. */
function defaultMailDir(database: string): string {
  return isPostgresUrl(database) ? 'mail' : join(dirname(database), 'mail');
}

async function runServer(database: string): Promise<void> {
  const synchronous = values.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
    throw new AdminError('--synchronous is FULL or NORMAL');
  const policy = Object.fromEntries(
    Object.entries({
      accessTokenTtl: wholeNumber('access-token-ttl'),
      failureLimit: wholeNumber('sign-in-attempts'),
      failureWindow: wholeNumber('sign-in-window', FAILURES_KEPT_MS / 1000),
      addressFailureLimit: wholeNumber('sign-in-address-attempts'),
      accountFailureLimit: wholeNumber('sign-in-account-attempts'),
    }).filter(([, value]) => value !== undefined),
  );
  const trustProxy = values['trust-proxy'] ?? [];
  const notProxy = trustProxy.find((proxy) => !isAddressOrRange(proxy));
  if (notProxy !== undefined) {
    throw new AdminError(
      `--trust-proxy "${notProxy}" is not an address or CIDR range, e.g. 10.0.0.5 or 10.0.0.0/8`,
    );
  }
  const log = createRequestLog({ level: values['log-level'] ?? 'info' });
  const poolSize = values['pool-size'] ? Number(values['pool-size']) : undefined;
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1))
    throw new AdminError('--pool-size takes a whole number ≥ 1');
  const store = await openStore(database, {
    synchronous,
    ...(poolSize === undefined ? {} : { poolSize }),
    onAvailability: (available, reason) => log.database(available, reason),
  });
  const corsOrigins = values['cors-origin'] ?? [];
  const notOrigin = corsOrigins.find((origin) => !isOrigin(origin));
  if (notOrigin !== undefined) {
    throw new AdminError(
      `--cors-origin "${notOrigin}" is not an origin (scheme://host[:port], no path), e.g. https://app.example.com`,
    );
  }
  const server = await serve({
    store,
    log,
    corsOrigins,
    trustProxy,
    ...(values.host ? { host: values.host } : {}),
    port: values.port ? Number(values.port) : DEFAULT_PORT,
    ...(values.prefix ? { prefix: values.prefix } : {}),
    auth: { policy, mailDir: values['mail-dir'] ?? defaultMailDir(database) },
  });
  closeOnSignals(server);
  const where = isPostgresUrl(database) ? redactDatabaseUrl(database) : database;
  console.error(`Tenant API on ${server.url}/tenant (database ${where}, ${store.engine})`);
}

async function administer(store: Store, command: string, rest: string[]): Promise<void> {
  switch (command) {
    case 'tenants create': {
      const tenant = await createTenant(store, required('name'));
      const { token } = await createToken(store, tenant.id);
      console.error(`Created tenant ${tenant.id}. Its token, shown only this once:`);
      console.log(token);
      return;
    }
    case 'tenants list':
      for (const tenant of await store.listTenants()) console.log(`${tenant.id}\t${tenant.name}`);
      return;
    case 'tenants assign':
      await assignDealer(store, required('tenant'), required('dealer'));
      console.error('Assigned.');
      return;
    case 'tenants set-limits':
      await setLimits(store, required('tenant'), rest);
      console.error(`Updated ${rest.length} field(s).`);
      return;
    case 'tokens create': {
      const { tokenId, token } = await createToken(store, required('tenant'));
      console.error(`Token ${tokenId} created, shown only this once:`);
      console.log(token);
      return;
    }
    case 'tokens revoke':
      if (!(await store.revokeToken(required('token-id')))) throw new AdminError('no such active token');
      console.error('Revoked.');
      return;
    case 'users create': {
      if (!values['password-stdin']) {
        throw new AdminError(
          'give the password on standard input with --password-stdin (never as an argument)',
        );
      }
      const user = await createUser(store, {
        ...(values.tenant === undefined ? {} : { tenantId: values.tenant }),
        username: required('username'),
        password: await readFirstLine(),
        ...(values.role ? { role: values.role } : {}),
        ...(values['two-factor'] ? { twoFactor: true } : {}),
        ...(values.email ? { email: values.email } : {}),
      });
      console.error(
        user.tenantId === null
          ? `Created system user ${user.username} (${user.role}).`
          : `Created user ${user.username} in tenant ${user.tenantId}.`,
      );
      return;
    }
    case 'users list':
      for (const user of await store.listUsers(values.tenant)) {
        console.log(
          [user.tenantId ?? '-', user.username, user.role, user.twoFactor ? 'two-factor' : 'password'].join(
            '\t',
          ),
        );
      }
      return;
    case 'users remove':
      await removeUser(store, values.tenant ?? null, required('username'));
      console.error('Removed; their sessions ended.');
      return;
    default:
      throw new AdminError(`unknown command "${command.trim()}"\n\n${usage}`);
  }
}

async function main(): Promise<void> {
  const [group, action, ...rest] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return;
  }
  if (group === 'docs') {
    const out = values.out;
    if (!out) throw new AdminError(`--out FILE is required\n\n${usage}`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, staticReferencePage());
    console.error(`Wrote the API reference to ${out} (one file: open it in a browser, host it anywhere).`);
    return;
  }
  const database = chooseDatabase(values);
  if (group === 'serve') return runServer(database);
  const store = await openStore(database);
  try {
    await administer(store, `${group} ${action ?? ''}`, rest);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    console.error(`tenant-server: ${error.message}; choose another with --port N`);
    process.exitCode = 1;
    return;
  }
  if (error instanceof StoreUnavailableError) {
    console.error(`tenant-server: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  console.error(error instanceof AdminError ? `tenant-server: ${error.message}` : error);
  process.exitCode = error instanceof AdminError ? 2 : 1;
});
