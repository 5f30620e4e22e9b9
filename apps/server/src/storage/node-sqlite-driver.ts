// node:sqlite, built into Node ≥ 22.13: the engine wherever the runtime has it.
import { driverOver, type PreparedStatement, type SqlDriver } from './sql-driver.js';

interface DatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): PreparedStatement;
  close(): void;
}

type NodeSqlite = { DatabaseSync: new (path: string) => DatabaseSync };

/** node:sqlite if this runtime has it (typed here: @types/node 20 does not know the module). */
export function nodeSqlite(): NodeSqlite | undefined {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return getBuiltin?.('node:sqlite') as NodeSqlite | undefined;
}

export function openNodeSqlite(path: string): SqlDriver {
  const binding = nodeSqlite();
  if (!binding) throw new Error('node:sqlite is not available in this Node.js');
  return driverOver('node:sqlite', new binding.DatabaseSync(path));
}
