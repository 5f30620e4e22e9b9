import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../../src/storage/store-unavailable.js';

describe('isUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'ECONNRESET' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [{ code: '42P01', message: 'relation "x" does not exist' }, false],
    [new TypeError('name: a merge never sets null'), false],
    [undefined, false],
  ])('%j → %s', (error, unavailable) => {
    expect(isUnavailable(error)).toBe(unavailable);
  });
});
