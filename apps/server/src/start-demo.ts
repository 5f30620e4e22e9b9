// `pnpm start`: the server on the embedded SQLite default, with a demo tenant, an API token and a user
// who signs in with a password, made on first run.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTenant, createToken, createUser } from './admin.js';
import { defaultDatabasePath } from './default-paths.js';
import { closeOnSignals, DEFAULT_PORT, PortInUseError, type RunningServer, serve } from './server.js';
import { openSqliteStore } from './storage/sqlite-store.js';

const database = defaultDatabasePath();
// The demo token is kept beside the database (mode 0600) so later starts can print it again.
const tokenFile = join(dirname(database), 'demo-token');
const store = openSqliteStore({ path: database });

const passwordFile = join(dirname(database), 'demo-password');
const mailDir = join(dirname(database), 'mail');
const DEMO_USER = 'demo';

function writeSecret(path: string, value: string): void {
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
const readSecret = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : '');

let token = readSecret(tokenFile);
const [existing] = await store.listTenants();
const tenant = existing ?? (await createTenant(store, 'Demo Tenant'));
if (!existing || token === '') {
  token = (await createToken(store, tenant.id)).token;
  writeSecret(tokenFile, token);
}
// The demo user's password lives only in its file (mode 0600); without the file, the user is made anew.
if (
  readSecret(passwordFile) === '' ||
  !(await store.listUsers(tenant.id)).some((u) => u.username === DEMO_USER)
) {
  await store.removeUser(tenant.id, DEMO_USER);
  const password = randomBytes(12).toString('base64url');
  await createUser(store, { tenantId: tenant.id, username: DEMO_USER, password });
  writeSecret(passwordFile, password);
}

const port = Number(process.env.PORT ?? DEFAULT_PORT);
let server: RunningServer;
try {
  server = await serve({ store, port, logger: { level: 'warn' }, auth: { mailDir } });
} catch (error) {
  if (!(error instanceof PortInUseError)) throw error;
  console.error(
    `Port ${port} is taken (is pnpm start already running?). Choose another: PORT=${port + 1} pnpm start`,
  );
  process.exit(1);
}
closeOnSignals(server);
console.log(`
Tenant API (reference server) on ${server.url}/tenant
API reference: ${server.url}/docs
Database: ${database}
Demo token (also in ${tokenFile}): ${token}

Try it, from the repository root in another terminal (with tenantctl installed, drop "pnpm -s").
Sign in as user "${DEMO_USER}" (the password is in ${passwordFile}; type it when asked, or pipe it):
  pnpm -s tenantctl auth login --url ${server.url} --username ${DEMO_USER} --password-stdin < ${passwordFile}
  pnpm -s tenantctl get
  pnpm -s tenantctl set enable_audio_recording=true recording_retention=90
  pnpm -s tenantctl explain contact_match_type
  pnpm -s tenantctl auth status
  curl -H "Authorization: Bearer $(pnpm -s tenantctl auth token)" ${server.url}/tenant

Scripts can use the API token instead:
  TENANTCTL_URL=${server.url} TENANTCTL_TOKEN=$(cat ${tokenFile}) pnpm -s tenantctl get

Ctrl-C stops the server.`);
