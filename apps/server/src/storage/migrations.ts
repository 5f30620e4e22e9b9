// Versioned schema migrations, applied in order; `PRAGMA user_version` records the last one applied.
// Append new steps; never edit one that has shipped.
export const migrations: readonly string[] = [
  // 1: tenants keep their settings as one JSON object (the fields come from the spec, not from columns).
  `CREATE TABLE tenants (
     id TEXT PRIMARY KEY,
     settings TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   ) STRICT;
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
     hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     revoked_at TEXT
   ) STRICT;
   CREATE INDEX tokens_tenant ON tokens(tenant_id);`,
  // 2: every write of a tenant increments its version (ETags and If-Match come from it), and the
  // database gets a random instance id, so that tags from two databases never coincide.
  `ALTER TABLE tenants ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
   INSERT INTO meta (key, value) VALUES ('instance_id', lower(hex(randomblob(8))));`,
  // 3: users who sign in with a password, their sessions (an access and a refresh token each; a
  // rotated refresh token is kept to recognise its reuse), sign-ins waiting for a one-time code, and
  // failed sign-ins per user name (for throttling). Times in milliseconds since the epoch.
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
     username TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     two_factor INTEGER NOT NULL CHECK (two_factor IN (0, 1)),
     email TEXT,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     UNIQUE (tenant_id, username)
   ) STRICT;
   CREATE INDEX users_username ON users(username);
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     access_hash BLOB NOT NULL UNIQUE CHECK (length(access_hash) = 32),
     access_expires_at INTEGER NOT NULL,
     refresh_hash BLOB NOT NULL UNIQUE CHECK (length(refresh_hash) = 32),
     refresh_expires_at INTEGER NOT NULL,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     ended_at TEXT
   ) STRICT;
   CREATE INDEX sessions_user ON sessions(user_id);
   CREATE TABLE rotated_refresh_tokens (
     hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
     session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
   ) STRICT;
   CREATE TABLE sign_in_flows (
     hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL,
     code_hash BLOB,
     code_expires_at INTEGER,
     tries INTEGER NOT NULL DEFAULT 0
   ) STRICT;
   CREATE TABLE failed_sign_ins (username TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX failed_sign_ins_username ON failed_sign_ins(username, at);`,
  // 4: failed sign-ins per account (a user's id, or a name no user has) and client address, and the
  // addresses each account signed in from, which attacks on the account do not lock out.
  `DROP TABLE failed_sign_ins;
   CREATE TABLE sign_in_failures (account TEXT NOT NULL, address TEXT NOT NULL, at INTEGER NOT NULL) STRICT;
   CREATE INDEX sign_in_failures_account ON sign_in_failures(account, at);
   CREATE INDEX sign_in_failures_address ON sign_in_failures(address, at);
   CREATE TABLE sign_in_addresses (
     account TEXT NOT NULL,
     address TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (account, address)
   ) STRICT;`,
  // 5: system users (SystemAdmin, Dealer) belong to no tenant: users.tenant_id may be NULL (the table
  // is made again, the only way SQLite drops a NOT NULL; the store runs migrations with foreign keys
  // off and checks them before committing). A session may act on a tenant it switched into, and a
  // tenant may be assigned to a dealer.
  `CREATE TABLE users_v5 (
     id TEXT PRIMARY KEY,
     tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
     username TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     two_factor INTEGER NOT NULL CHECK (two_factor IN (0, 1)),
     email TEXT,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     UNIQUE (tenant_id, username)
   ) STRICT;
   INSERT INTO users_v5 (rowid, id, tenant_id, username, password_hash, role, two_factor, email, created_at)
     SELECT rowid, id, tenant_id, username, password_hash, role, two_factor, email, created_at FROM users;
   DROP TABLE users;
   ALTER TABLE users_v5 RENAME TO users;
   CREATE INDEX users_username ON users(username);
   CREATE INDEX users_tenant ON users(tenant_id);
   CREATE UNIQUE INDEX users_system_username ON users(username) WHERE tenant_id IS NULL;
   ALTER TABLE sessions ADD COLUMN tenant_id TEXT REFERENCES tenants(id) ON DELETE SET NULL;
   ALTER TABLE tenants ADD COLUMN dealer_id TEXT REFERENCES users(id) ON DELETE SET NULL;
   CREATE INDEX tenants_dealer ON tenants(dealer_id);`,
  // 6: the creation order as a column of its own with a narrow index (SQLite's rowid order lives in
  // the table itself, whose rows hold the settings: walking 9,900 of them to reach a last page read
  // megabytes); a dealer's tenants indexed in that order too.
  `ALTER TABLE tenants ADD COLUMN seq INTEGER;
   UPDATE tenants SET seq = rowid;
   CREATE UNIQUE INDEX tenants_seq ON tenants(seq);
   DROP INDEX tenants_dealer;
   CREATE INDEX tenants_dealer ON tenants(dealer_id, seq);`,
  // 7: the same schema as PostgreSQL's (a test compares the two catalogs): the creation order is a
  // NOT NULL column of tenants and of users too (users were ordered by rowid, which PostgreSQL lacks),
  // so both tables are made again, the rows keeping their order.
  `CREATE TABLE tenants_v7 (
     id TEXT PRIMARY KEY,
     settings TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
     dealer_id TEXT REFERENCES users(id) ON DELETE SET NULL,
     seq INTEGER NOT NULL
   ) STRICT;
   INSERT INTO tenants_v7 (rowid, id, settings, created_at, updated_at, version, dealer_id, seq)
     SELECT rowid, id, settings, created_at, updated_at, version, dealer_id, coalesce(seq, rowid) FROM tenants;
   DROP TABLE tenants;
   ALTER TABLE tenants_v7 RENAME TO tenants;
   CREATE UNIQUE INDEX tenants_seq ON tenants(seq);
   CREATE INDEX tenants_dealer ON tenants(dealer_id, seq);
   CREATE TABLE users_v7 (
     id TEXT PRIMARY KEY,
     tenant_id TEXT REFERENCES tenants(id) ON DELETE CASCADE,
     username TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     two_factor INTEGER NOT NULL CHECK (two_factor IN (0, 1)),
     email TEXT,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     seq INTEGER NOT NULL,
     UNIQUE (tenant_id, username)
   ) STRICT;
   INSERT INTO users_v7 (rowid, id, tenant_id, username, password_hash, role, two_factor, email, created_at, seq)
     SELECT rowid, id, tenant_id, username, password_hash, role, two_factor, email, created_at, rowid FROM users;
   DROP TABLE users;
   ALTER TABLE users_v7 RENAME TO users;
   CREATE UNIQUE INDEX users_seq ON users(seq);
   CREATE INDEX users_username ON users(username);
   CREATE INDEX users_tenant ON users(tenant_id);
   CREATE UNIQUE INDEX users_system_username ON users(username) WHERE tenant_id IS NULL;`,
];
