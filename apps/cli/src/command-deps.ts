// What a command needs from the outside world, injected so that a command can run in a test without
// spawning the binary: streams and environment, a way to connect, a file reader.
import type { RetryEvent, TenantClient } from '@tenantctl/client';
import type { ConnectionFlags } from './connection.js';
import type { Io } from './io.js';

export interface CommandDeps {
  io: Io;
  /** A client for the server the flags, environment and profile point at (with the token resolved). */
  connect(flags: ConnectionFlags, tuning?: ClientTuning): Promise<TenantClient>;
  /** Reads a whole text file (settings files, secrets given as `KEY=@FILE`). */
  readTextFile(path: string): Promise<string>;
}

/** What a command that sends many requests tunes of its client: more retries, and word of each. */
export interface ClientTuning {
  /** Retries after the first attempt (the client's default is 2). */
  retries?: number;
  /** Called before each wait, as well as the --verbose line. */
  onRetry?(event: RetryEvent): void;
}
