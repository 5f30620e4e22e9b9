// The PostgreSQL schema, in order; the store applies what a database lacks, under an advisory lock so
// that replicas starting together on a new database migrate it once. The same tables as SQLite's
// (migrations.ts), in PostgreSQL's types: JSONB settings, BYTEA hashes, BIGINT milliseconds.
export const postgresMigrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO meta (key, value) VALUES ('instance_id', substr(md5(random()::text || clock_timestamp()::text), 1, 16));
   CREATE TABLE tenants (
     seq BIGSERIAL UNIQUE,
     id TEXT PRIMARY KEY,
     settings JSONB NOT NULL,
     version INTEGER NOT NULL DEFAULT 1,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
     hash BYTEA NOT NULL UNIQUE CHECK (length(hash) = 32),
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     revoked_at TIMESTAMPTZ
   );
   CREATE TABLE users (
     seq BIGSERIAL UNIQUE,
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
     username TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     two_factor BOOLEAN NOT NULL,
     email TEXT,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     UNIQUE (tenant_id, username)
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     access_hash BYTEA NOT NULL UNIQUE CHECK (length(access_hash) = 32),
     access_expires_at BIGINT NOT NULL,
     refresh_hash BYTEA NOT NULL UNIQUE CHECK (length(refresh_hash) = 32),
     refresh_expires_at BIGINT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     ended_at TIMESTAMPTZ
   );
   CREATE INDEX sessions_user ON sessions(user_id);
   CREATE TABLE rotated_refresh_tokens (
     hash BYTEA PRIMARY KEY CHECK (length(hash) = 32),
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
   );
   CREATE TABLE sign_in_flows (
     hash BYTEA PRIMARY KEY CHECK (length(hash) = 32),
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at BIGINT NOT NULL,
     code_hash BYTEA,
     code_expires_at BIGINT,
     tries INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE failed_sign_ins (username TEXT NOT NULL, at BIGINT NOT NULL);
   CREATE INDEX failed_sign_ins_username ON failed_sign_ins(username, at);`,
  `DROP TABLE failed_sign_ins;
   CREATE TABLE sign_in_failures (account TEXT NOT NULL, address TEXT NOT NULL, at BIGINT NOT NULL);
   CREATE INDEX sign_in_failures_account ON sign_in_failures(account, at);
   CREATE INDEX sign_in_failures_address ON sign_in_failures(address, at);
   CREATE TABLE sign_in_addresses (
     account TEXT NOT NULL,
     address TEXT NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (account, address)
   );`,
  `ALTER TABLE users ALTER COLUMN tenant_id DROP NOT NULL;
   CREATE INDEX users_username ON users(username);
   CREATE INDEX users_tenant ON users(tenant_id);
   CREATE UNIQUE INDEX users_system_username ON users(username) WHERE tenant_id IS NULL;
   ALTER TABLE sessions ADD COLUMN tenant_id TEXT REFERENCES tenants(id) ON DELETE SET NULL;
   ALTER TABLE tenants ADD COLUMN dealer_id TEXT REFERENCES users(id) ON DELETE SET NULL;
   CREATE INDEX tenants_dealer ON tenants(dealer_id);`,
  `DROP INDEX tenants_dealer;
   CREATE INDEX tenants_dealer ON tenants(dealer_id, seq);`,
  // The checks and the index SQLite's schema has (a test compares the two catalogs).
  `ALTER TABLE tenants ADD CONSTRAINT tenants_settings_object CHECK (jsonb_typeof(settings) = 'object');
   ALTER TABLE tenants ADD CONSTRAINT tenants_version_positive CHECK (version >= 1);
   CREATE INDEX tokens_tenant ON tokens(tenant_id);`,
];
