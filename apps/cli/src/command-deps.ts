// What a command needs from the outside world, injected so that a command can run in a test without
// spawning the binary: streams and environment, a way to connect, a file reader.
import type { TenantClient } from '@tenantctl/client';
import type { ConnectionFlags } from './connection.js';
import type { Io } from './io.js';

export interface CommandDeps {
  io: Io;
  /** A client for the server the flags, environment and profile point at (with the token resolved). */
  connect(flags: ConnectionFlags): Promise<TenantClient>;
  /** Reads a whole text file (settings files, secrets given as `KEY=@FILE`). */
  readTextFile(path: string): Promise<string>;
}
