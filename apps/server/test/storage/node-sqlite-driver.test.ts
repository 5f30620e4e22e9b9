import { describe, expect, it } from 'vitest';
import { nodeSqlite, openNodeSqlite } from '../../src/storage/node-sqlite-driver.js';
import { describeDriver } from './describe-driver.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

describe('nodeSqlite', () => {
  it('is there from Node 22.13 (and 23.4) on, and not on Node 20', () => {
    const expected = major > 22 || (major === 22 && minor >= 13);
    if (major !== 23) expect(nodeSqlite() !== undefined).toBe(expected);
  });
});

// Node 20 has no node:sqlite: the engine is tested in CI's Node 24 pass.
describe.runIf(nodeSqlite() !== undefined)('node:sqlite driver', () => {
  describeDriver('node:sqlite', openNodeSqlite);
});

describe.runIf(nodeSqlite() === undefined)('without node:sqlite', () => {
  it('refuses to open, saying why', () => {
    expect(() => openNodeSqlite(':memory:')).toThrow('node:sqlite is not available in this Node.js');
  });
});
