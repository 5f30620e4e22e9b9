// The executor with a client that answers as told: outcomes per tenant, the journal's lines, the pace
// of a PBX slowed by a 429, a refused sign-in ending that PBX, and the check of an update sent before.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  TenantAuthError,
  type TenantClient,
  TenantConflictError,
  TenantHttpError,
  TenantNotFoundError,
} from '@tenantctl/client';
import { describe, expect, it } from 'vitest';
import { executeTasks, type FleetTask, newPace, slowDown } from '../../src/fleet/execute.js';
import { openJournal } from '../../src/fleet/journal.js';
import { scratch } from '../support/harness.js';

const task = (id: string, extra: Partial<FleetTask> = {}): FleetTask => ({
  entry: {
    type: 'tenant',
    pbx: 'eu',
    id,
    name: `n-${id}`,
    etag: '"1-x"',
    before: { log_retention: 180 },
    after: { log_retention: 7 },
  },
  patch: { log_retention: 7 },
  ...extra,
});
const where = { method: 'POST', url: 'http://x/api/tenants/T' };

/** A client whose update answers by id: a thrown error, or the new ETag; reads answer `reads`. */
function scriptedClient(
  answers: Record<string, Error | string>,
  reads: Record<string, { tenant: Record<string, unknown>; etag: string }> = {},
) {
  const sent: string[] = [];
  const client = {
    async updateTenantById(id: string) {
      sent.push(id);
      const answer = answers[id] ?? '"2-x"';
      if (answer instanceof Error) throw answer;
      return { etag: answer };
    },
    async getTenantByIdWithETag(id: string) {
      const read = reads[id];
      if (!read) throw new TenantNotFoundError('404: not found', { ...where, status: 404 });
      return read;
    },
  } as unknown as TenantClient;
  return { client, sent };
}

const journalFile = () => openJournal(join(mkdtempSync(join(scratch, 'exec-')), 'config.json'), 'RUN');

describe('executeTasks', () => {
  it('says per tenant what happened, journaling each send and each outcome', async () => {
    const { client } = scriptedClient({
      B: new TenantConflictError('412', { ...where, status: 412 }),
      C: new TenantNotFoundError('404', { ...where, status: 404 }),
      D: new TenantHttpError('500: the server answered with an error', { ...where, status: 500 }),
    });
    const journal = journalFile();
    const results = await executeTasks(
      ['A', 'B', 'C', 'D'].map((id) => task(id)),
      {
        clients: new Map([['eu', client]]),
        paces: new Map([['eu', newPace(2)]]),
        journal,
        stopped: () => false,
      },
    );
    journal.close();
    const byId = Object.fromEntries(results.map((r) => [r.id, [r.outcome, r.reason]]));
    expect(byId).toEqual({
      A: ['applied', undefined],
      B: ['skipped', 'changed since planned: run plan again'],
      C: ['skipped', 'deleted since planned'],
      D: ['failed', '500: the server answered with an error'],
    });
    const lines = readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.type === 'sending')).toHaveLength(4);
    expect(lines.find((line) => line.id === 'A' && line.type === 'applied')).toMatchObject({ etag: '"2-x"' });
  });

  it('stops sending to a PBX that refused the sign-in', async () => {
    const { client, sent } = scriptedClient({
      A: new TenantAuthError('401: the server rejected the token', { ...where, status: 401 }),
    });
    const pace = newPace(1);
    const journal = journalFile();
    const results = await executeTasks([task('A'), task('B'), task('C')], {
      clients: new Map([['eu', client]]),
      paces: new Map([['eu', pace]]),
      journal,
      stopped: () => false,
    });
    journal.close();
    expect(pace.refused).toBe(true);
    expect(sent).toEqual(['A']);
    expect(results).toEqual([
      expect.objectContaining({
        id: 'A',
        outcome: 'failed',
        reason: 'the PBX refused the sign-in: 401: the server rejected the token',
      }),
    ]);
  });

  it('reads a tenant sent to before an interruption: landed, changed by someone, or not landed', async () => {
    const { client, sent } = scriptedClient(
      {},
      {
        landed: { tenant: { log_retention: 7 }, etag: '"2-x"' },
        changed: { tenant: { log_retention: 99 }, etag: '"2-x"' },
        waiting: { tenant: { log_retention: 180 }, etag: '"1-x"' },
      },
    );
    const journal = journalFile();
    const results = await executeTasks(
      ['landed', 'changed', 'waiting', 'gone'].map((id) => task(id, { sentBefore: true })),
      {
        clients: new Map([['eu', client]]),
        paces: new Map([['eu', newPace(1)]]),
        journal,
        stopped: () => false,
      },
    );
    journal.close();
    expect(sent).toEqual(['waiting']);
    expect(Object.fromEntries(results.map((r) => [r.id, r.outcome]))).toEqual({
      landed: 'applied',
      changed: 'skipped',
      waiting: 'applied',
      gone: 'skipped',
    });
  });
});

describe('slowDown', () => {
  it('halves the concurrency (at least one) and starts nothing new before the wait', () => {
    const pace = newPace(8);
    slowDown(pace, 1000, 5000);
    expect(pace).toEqual({ limit: 4, notBefore: 6000, refused: false });
    slowDown(pace, 10, 5000);
    expect(pace).toEqual({ limit: 2, notBefore: 6000, refused: false });
    slowDown(pace, 10, 5000);
    slowDown(pace, 10, 5000);
    expect(pace.limit).toBe(1);
  });
});
