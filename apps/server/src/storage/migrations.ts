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
];
