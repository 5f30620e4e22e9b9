// `pnpm start`: the server on the embedded SQLite default, with a demo tenant and token on first run.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTenant, createToken } from './admin.js';
import { defaultDatabasePath } from './default-paths.js';
import { closeOnSignals, DEFAULT_PORT, serve } from './server.js';
import { openSqliteStore } from './storage/sqlite-store.js';

const database = defaultDatabasePath();
// The demo token is kept beside the database (mode 0600) so later starts can print it again.
const tokenFile = join(dirname(database), 'demo-token');
const store = openSqliteStore({ path: database });

let token = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
const [existing] = await store.listTenants();
if (!existing || token === '') {
  const tenant = existing ?? (await createTenant(store, 'Demo Tenant'));
  token = (await createToken(store, tenant.id)).token;
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
}

const server = await serve({
  store,
  port: Number(process.env.PORT ?? DEFAULT_PORT),
  logger: { level: 'warn' },
});
closeOnSignals(server);
console.log(`
Tenant API (reference server) on ${server.url}/tenant
Database: ${database}
Demo token (also in ${tokenFile}): ${token}

Try it, from the repository root in another terminal:
  export TENANTCTL_URL=${server.url}
  export TENANTCTL_TOKEN=$(cat ${tokenFile})
  pnpm tenantctl get
  pnpm tenantctl set enable_audio_recording=true recording_retention=90
  pnpm tenantctl explain contact_match_type
  curl -H "Authorization: Bearer $TENANTCTL_TOKEN" ${server.url}/tenant

Ctrl-C stops the server.`);
