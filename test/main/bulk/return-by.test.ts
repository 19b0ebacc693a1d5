/* Return-by (issue 12 part 5): migration 004 on an older journal; a run to staging journals its
 * return-by; customers still on staging at or past it are due / overdue (read from the server),
 * and nobody else is: not one back on normal routing, not one moved again by a later run. */
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { BulkJournal } from '../../../src/main/bulk/journal/journal';
import { migration001 } from '../../../src/main/bulk/journal/migrations/001-runs-and-items';
import { migration002 } from '../../../src/main/bulk/journal/migrations/002-plans';
import { migration003 } from '../../../src/main/bulk/journal/migrations/003-run-claims-and-plan-index';
import { migration004 } from '../../../src/main/bulk/journal/migrations/004-return-by';
import { migrate } from '../../../src/main/sqlite/migrations';
import { harness, managerCustomers, useSmallSandbox, type Harness } from './helpers';

describe('journal migration 004', () => {
  it('adds return_by to the runs of a version-3 file, null for the runs already there', () => {
    const db = new Database(':memory:');
    migrate(db, [migration001, migration002, migration003]);
    db.prepare(`INSERT INTO runs (id, kind, status, target, concurrency, max_attempts, created_at) VALUES ('old', 'apply', 'completed', 'staging', 6, 5, '2026-01-01T00:00:00Z')`).run();
    migrate(db, [migration001, migration002, migration003, migration004]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(new BulkJournal(db).getRun('old')?.returnBy).toBeNull();
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toContain('runs_with_return_by');
  });
});

describe('return-by and due returns', { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let h: Harness;
  let clock = Date.now();
  useSmallSandbox((started) => (sandbox = started));
  beforeEach(async () => {
    clock = Date.now();
    h = await harness(sandbox, { service: { now: () => new Date(clock) } });
  });

  const production = () => managerCustomers(sandbox).filter((c) => !c.isStaging).map((c) => c.id);
  const toStaging = async (ids: string[], returnBy: string | null) => {
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { returnBy });
    await handle.done;
    return handle.runId;
  };

  it('journals the return-by; due half an hour before it, overdue after it, only while still on staging', async () => {
    const [a, b, c] = production() as [string, string, string];
    const returnBy = new Date(clock + 2 * 3_600_000).toISOString();
    const runId = await toStaging([a, b], returnBy);
    await toStaging([c], null);
    expect(h.service.getRun(runId)?.returnBy).toBe(returnBy);

    expect((await h.service.dueReturns()).items).toEqual([]);
    clock += 2 * 3_600_000 - 10 * 60_000;
    expect((await h.service.dueReturns()).items.map((i) => [i.customerId, i.urgency, i.runId])).toEqual(
      [a, b].map((id) => [id, 'due', runId]).sort((x, y) => (sandbox.admin.customer(x[0] as string)?.name ?? '').localeCompare(sandbox.admin.customer(y[0] as string)?.name ?? '')),
    );

    // b goes back through a run of its own; a stays on staging past the time.
    await (await h.service.start(await h.service.plan({ customerIds: [b], target: 'production' }))).done;
    clock += 20 * 60_000;
    const due = await h.service.dueReturns();
    expect(due.source).toBe('server');
    expect(due.items.map((i) => [i.customerId, i.urgency])).toEqual([[a, 'overdue']]);
  });

  it('a later run of the same customer replaces the earlier return-by; a return-by is refused on a move back or in the past, before anything is read', async () => {
    const [a] = production() as [string];
    await toStaging([a], new Date(clock + 60 * 60_000).toISOString());
    // Moved back and to staging again without a return-by: no longer due for the old run.
    await (await h.service.start(await h.service.plan({ customerIds: [a], target: 'production' }))).done;
    await toStaging([a], null);
    clock += 2 * 3_600_000;
    expect((await h.service.dueReturns()).items).toEqual([]);

    const back = await h.service.plan({ customerIds: [a], target: 'production' });
    await expect(h.service.start(back, { returnBy: new Date(clock + 60_000).toISOString() })).rejects.toThrow(/only applies to a move to staging/);
    const plan = await h.service.plan({ customerIds: production().slice(0, 1), target: 'staging' });
    const writes = sandbox.admin.writes().length;
    const answered = () => Object.values(sandbox.admin.metrics().requestsByStatus).reduce((n, v) => n + v, 0);
    const before = answered();
    await expect(h.service.start(plan, { returnBy: new Date(clock - 1).toISOString() })).rejects.toThrow(/not in the future/);
    await expect(h.service.startIfUnchanged(plan, { returnBy: 'soon' })).rejects.toThrow(/not a valid time/);
    expect(sandbox.admin.writes().length).toBe(writes);
    expect(answered()).toBe(before); // refused before the plan's customers were read again
  });

  it('offline, due returns come from the offline copy and say so', async () => {
    const [a] = production() as [string];
    await toStaging([a], new Date(clock + 60_000).toISOString());
    const cached = await h.client.getCustomer(a);
    const offline = await harness(sandbox, { dir: h.dir, service: { now: () => new Date(clock), cache: { get: (id) => (id === a ? { customer: cached, fetchedAt: clock } : undefined), descendants: () => [] } } });
    const due = await offline.service.dueReturns({ fromCache: true });
    expect(due.source).toBe('cache');
    expect(due.items.map((i) => [i.customerId, i.urgency])).toEqual([[a, 'due']]);
  });
});
