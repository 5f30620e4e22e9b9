#!/usr/bin/env node
// tenant-server: runs the reference server, and administers its tenants and tokens.
import { parseArgs } from 'node:util';
import { AdminError, createTenant, createToken, setLimits, systemFieldNames } from './admin.js';
import { DEFAULT_BODY_LIMIT, DEFAULT_PREFIX } from './app.js';
import { defaultDatabasePath } from './default-paths.js';
import { closeOnSignals, DEFAULT_PORT, serve } from './server.js';
import { openSqliteStore } from './storage/sqlite-store.js';

const usage = `Usage: tenant-server <command> [options]

Commands:
  serve [--host H] [--port N] [--prefix /api] [--synchronous FULL|NORMAL] [--log-level info|warn|silent]
                                     run the Tenant API (default http://127.0.0.1:${DEFAULT_PORT}${DEFAULT_PREFIX})
  tenants create --name NAME         create a tenant with the spec's defaults, print its id and a first token
  tenants list                       list tenants (id and name)
  tenants set-limits --tenant ID KEY=VALUE...
                                     set system-side fields (${systemFieldNames().slice(0, 3).join(', ')}, …)
  tokens create --tenant ID          print a new API token for the tenant (shown once, stored hashed)
  tokens revoke --token-id ID        revoke a token

Every command takes --db PATH (default: $TENANT_SERVER_DB or apps/server/data/tenants.db).
SQLite engine: node:sqlite where Node.js has it (22.13+), else better-sqlite3; TENANT_SERVER_SQLITE chooses.
Request bodies are limited to ${DEFAULT_BODY_LIMIT} bytes (413 above).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    prefix: { type: 'string' },
    synchronous: { type: 'string' },
    'log-level': { type: 'string' },
    name: { type: 'string' },
    tenant: { type: 'string' },
    'token-id': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function required(name: 'name' | 'tenant' | 'token-id'): string {
  const value = values[name];
  if (value === undefined) throw new AdminError(`--${name} is required\n\n${usage}`);
  return value;
}

async function main(): Promise<void> {
  const [group, action, ...rest] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return;
  }
  const database = values.db ?? defaultDatabasePath();
  if (group === 'serve') {
    const synchronous = values.synchronous ?? 'FULL';
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL')
      throw new AdminError('--synchronous is FULL or NORMAL');
    const store = openSqliteStore({ path: database, synchronous });
    const server = await serve({
      store,
      logger: { level: values['log-level'] ?? 'info' },
      ...(values.host ? { host: values.host } : {}),
      port: values.port ? Number(values.port) : DEFAULT_PORT,
      ...(values.prefix ? { prefix: values.prefix } : {}),
    });
    closeOnSignals(server);
    console.error(`Tenant API on ${server.url}/tenant (database ${database}, ${store.engine})`);
    return;
  }
  const store = openSqliteStore({ path: database });
  try {
    const command = `${group} ${action ?? ''}`;
    switch (command) {
      case 'tenants create': {
        const tenant = await createTenant(store, required('name'));
        const { token } = await createToken(store, tenant.id);
        console.error(`Created tenant ${tenant.id}. Its token, shown only this once:`);
        console.log(token);
        break;
      }
      case 'tenants list':
        for (const tenant of await store.listTenants()) console.log(`${tenant.id}\t${tenant.name}`);
        break;
      case 'tenants set-limits':
        await setLimits(store, required('tenant'), rest);
        console.error(`Updated ${rest.length} field(s).`);
        break;
      case 'tokens create': {
        const { tokenId, token } = await createToken(store, required('tenant'));
        console.error(`Token ${tokenId} created, shown only this once:`);
        console.log(token);
        break;
      }
      case 'tokens revoke':
        if (!(await store.revokeToken(required('token-id')))) throw new AdminError('no such active token');
        console.error('Revoked.');
        break;
      default:
        throw new AdminError(`unknown command "${command.trim()}"\n\n${usage}`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof AdminError ? `tenant-server: ${error.message}` : error);
  process.exitCode = error instanceof AdminError ? 2 : 1;
});
