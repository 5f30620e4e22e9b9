import { describe } from 'vitest';
import { openBetterSqlite3 } from '../../src/storage/better-sqlite3-driver.js';
import { describeDriver } from './describe-driver.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
// better-sqlite3 12 aborts the process on Node ≥ 24.19 when a statement is garbage-collected (fixed in
// 13, which does not run on Node 20): there the server runs on node:sqlite, and this engine is not tested.
const runs = major < 24 || (major === 24 && minor < 19);

describe.runIf(runs)('better-sqlite3 driver', () => {
  describeDriver('better-sqlite3', openBetterSqlite3);
});
