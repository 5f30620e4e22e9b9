// A run's journal: written a line per event (0600), read back into where each tenant stands, a line a
// killed process was writing left out; the runs listed in the order they started.
import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, newRunId, openJournal, readJournal, runsFolder, SECRET } from '../../src/fleet/journal.js';
import { scratch } from '../support/harness.js';

const configFile = () => join(mkdtempSync(join(scratch, 'journal-')), 'config.json');
const entry = (id: string) => ({
  type: 'tenant' as const,
  pbx: 'eu',
  id,
  name: `shop-${id}`,
  etag: '"1-x"',
  rules: [1],
  before: { recording_retention: 180, cdr_event: SECRET },
  after: { recording_retention: 30, cdr_event: SECRET },
});

describe('the journal', () => {
  it('is a line per event beside the config, 0600, read back per tenant', async () => {
    const config = configFile();
    const journal = openJournal(config, 'RUN-1');
    journal.write({
      type: 'run',
      run: 'RUN-1',
      kind: 'apply',
      startedAt: '2026-12-07T04:00:00.000Z',
      pbx: [{ name: 'eu', url: 'http://eu/api' }],
    });
    for (const id of ['A', 'B', 'C', 'D']) journal.write(entry(id));
    journal.write({ type: 'sending', pbx: 'eu', id: 'A', at: 'x' });
    journal.write({ type: 'applied', pbx: 'eu', id: 'A', at: 'x', etag: '"2-x"' });
    journal.write({ type: 'sending', pbx: 'eu', id: 'B', at: 'x' });
    journal.write({ type: 'skipped', pbx: 'eu', id: 'C', at: 'x', reason: 'deleted since planned' });
    journal.close();
    journal.write({ type: 'end', at: 'x', interrupted: false }); // after close: nothing
    expect(journal.path).toBe(join(runsFolder(config), 'RUN-1.jsonl'));
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(journal.path, 'utf8').trim().split('\n')).toHaveLength(9);
    const read = await readJournal(config, 'RUN-1');
    expect(read.start.kind).toBe('apply');
    expect(read.ended).toBe(false);
    const state = (id: string) => read.tenants.get(`eu\u0000${id}`);
    expect(state('A')).toMatchObject({ sent: true, outcome: 'applied', etag: '"2-x"' });
    expect(state('B')).toMatchObject({ sent: true });
    expect(state('B')?.outcome).toBeUndefined();
    expect(state('C')).toMatchObject({ sent: false, outcome: 'skipped', reason: 'deleted since planned' });
    expect(state('D')).toMatchObject({ sent: false });
  });

  it('leaves out a last line cut short, and refuses a run it does not have', async () => {
    const config = configFile();
    const journal = openJournal(config, 'RUN-2');
    journal.write({ type: 'run', run: 'RUN-2', kind: 'apply', startedAt: 'x', pbx: [] });
    journal.write(entry('A'));
    journal.close();
    appendFileSync(journal.path, '{"type":"sending","pbx":"e');
    expect((await readJournal(config, 'RUN-2')).tenants.get('eu\u0000A')?.sent).toBe(false);
    await expect(readJournal(config, 'RUN-3')).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^no fleet run "RUN-3"/),
    });
    await expect(readJournal(config, '../etc/passwd')).rejects.toMatchObject({ exitCode: 2 });
  });

  it('ends a torn last line before appending, and reads what a resumed run wrote after it', async () => {
    const config = configFile();
    const first = openJournal(config, 'RUN-T');
    first.write({ type: 'run', run: 'RUN-T', kind: 'apply', startedAt: 'x', pbx: [] });
    for (const id of ['A', 'B', 'C']) first.write(entry(id));
    first.write({ type: 'applied', pbx: 'eu', id: 'A', at: 'x', etag: '"2-x"' });
    first.close();
    appendFileSync(first.path, '{"type":"applied","pbx":"eu","id":"B","at'); // a power cut mid-write
    const resumed = openJournal(config, 'RUN-T');
    resumed.write({ type: 'applied', pbx: 'eu', id: 'B', at: 'y', etag: '"3-x"' });
    resumed.write({ type: 'applied', pbx: 'eu', id: 'C', at: 'y', etag: '"4-x"' });
    resumed.write({ type: 'end', at: 'y', interrupted: false });
    resumed.close();
    const lines = readFileSync(first.path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe(''); // every line ended
    expect(lines).toContain('{"type":"applied","pbx":"eu","id":"B","at'); // the torn line kept alone
    const read = await readJournal(config, 'RUN-T');
    expect([...read.tenants.values()].map((state) => state.outcome)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(read.ended && !read.interrupted).toBe(true);
    expect((await listRuns(config))[0]).toMatchObject({ applied: 3, tenants: 3, finished: true });
  });

  it("keeps a tenant's first outcome: a later process's conflict never overwrites 'applied'", async () => {
    const config = configFile();
    const journal = openJournal(config, 'RUN-O');
    journal.write({ type: 'run', run: 'RUN-O', kind: 'apply', startedAt: 'x', pbx: [] });
    journal.write(entry('A'));
    journal.write({ type: 'applied', pbx: 'eu', id: 'A', at: 'x', etag: '"2-x"' });
    journal.write({ type: 'skipped', pbx: 'eu', id: 'A', at: 'y', reason: 'changed since planned' });
    journal.close();
    expect((await readJournal(config, 'RUN-O')).tenants.get('eu\u0000A')).toMatchObject({
      outcome: 'applied',
      etag: '"2-x"',
    });
  });

  it('lists runs in the order they started, with their counts, an interrupted one not finished', async () => {
    const config = configFile();
    expect(await listRuns(config)).toEqual([]);
    const later = openJournal(config, 'B-run');
    later.write({
      type: 'run',
      run: 'B-run',
      kind: 'undo',
      undoes: 'A-run',
      startedAt: '2026-12-07T05:00:00.000Z',
      pbx: [],
    });
    later.write({ type: 'end', at: 'x', interrupted: true });
    later.close();
    const earlier = openJournal(config, 'Z-run');
    earlier.write({
      type: 'run',
      run: 'Z-run',
      kind: 'apply',
      startedAt: '2026-12-07T04:00:00.000Z',
      pbx: [],
    });
    earlier.write(entry('A'));
    earlier.write({ type: 'applied', pbx: 'eu', id: 'A', at: 'x' });
    earlier.write({ type: 'end', at: 'x', interrupted: false });
    earlier.close();
    expect(await listRuns(config)).toEqual([
      {
        run: 'Z-run',
        kind: 'apply',
        startedAt: '2026-12-07T04:00:00.000Z',
        tenants: 1,
        applied: 1,
        failed: 0,
        skipped: 0,
        finished: true,
      },
      {
        run: 'B-run',
        kind: 'undo',
        undoes: 'A-run',
        startedAt: '2026-12-07T05:00:00.000Z',
        tenants: 0,
        applied: 0,
        failed: 0,
        skipped: 0,
        finished: false,
      },
    ]);
  });

  it('names a run by when it started, with letters that keep two apart', () => {
    const now = new Date('2026-12-07T04:05:06.789Z');
    expect(newRunId(now)).toMatch(/^20261207-040506-[a-z0-9]{1,4}$/);
  });
});
