import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Sandbox } from '../../../sandbox/server';
import type { EvoClient } from '../../../src/main/api/evo-client';
import type { BulkClient } from '../../../src/main/bulk/ports';
import { AppError } from '../../../src/shared/errors';
import type { RunProgress, RunState } from '../../../src/shared/bulk/types';
import { expireSessionsAfter, harness, managerCustomers, until, writesByCustomer, type Harness, useSmallSandbox, productionIds } from './helpers';

let sandbox: Sandbox;
let h: Harness;

useSmallSandbox((started) => (sandbox = started));

const production = (n: number, skip = 0) => productionIds(sandbox, n, skip);

/** The journal agrees with the server for every item of a run. */
function expectJournalMatchesServer(runId: string, service = h.service) {
  const run = service.getRun(runId)!;
  const writes = writesByCustomer(sandbox);
  for (const item of run.items) {
    const server = sandbox.admin.customer(item.customerId);
    if (item.outcome === 'notAccessible') continue;
    const now = server?.isStaging === true;
    if (item.outcome === 'changed' || item.outcome === 'alreadyInState') expect(now, item.customerId).toBe(item.targetIsStaging);
    else expect(now, `${item.customerId} ${item.outcome}`).toBe(item.before);
    expect((writes.get(item.customerId) ?? []).length, item.customerId).toBeLessThanOrEqual(item.attempts);
  }
}

describe('runs against the sandbox', () => {
  it('changes every customer of a plan, journalled write-ahead, with progress', async () => {
    h = await harness(sandbox);
    const ids = production(40);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    const handle = await h.service.start(plan, { concurrency: 6 });
    const events: RunProgress[] = [];
    handle.onProgress((p) => events.push(p));
    // The run and all its items are journalled before the first request completes.
    expect(h.service.getRun(handle.runId)?.items).toHaveLength(40);
    const summary = await handle.done;
    expect(summary).toMatchObject({ status: 'completed', counts: { total: 40, changed: 40, failed: 0 } });
    expect(ids.every((id) => sandbox.admin.customer(id)?.isStaging === true)).toBe(true);
    expectJournalMatchesServer(handle.runId);
    expect(writesByCustomer(sandbox).size).toBe(40);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ state: 'completed', done: 40, remaining: 0 });
    expect(events.some((e) => e.ratePerSecond > 0 && e.etaMs !== null)).toBe(true);
    const record = h.service.getRun(handle.runId)!;
    expect(record.items.every((i) => i.attempts === 1 && i.before === false && i.after === true)).toBe(true);
    expect(record.durationMs).not.toBeNull();
    expect(h.service.status(handle.runId)).toMatchObject({ state: 'completed', done: 40, remaining: 0 });
    expect(h.service.status('unknown-run')).toBeNull();
  });

  it('rejects concurrency outside 1..16', async () => {
    h = await harness(sandbox);
    const plan = await h.service.plan({ customerIds: production(1), target: 'staging' });
    await expect(h.service.start(plan, { concurrency: 17 })).rejects.toMatchObject({ kind: 'InvalidInput' });
    await expect(h.service.start(plan, { concurrency: 0 })).rejects.toMatchObject({ kind: 'InvalidInput' });
  });

  it('fails an item as "not applied" when the answer does not show the target routing', async () => {
    const ids = production(5);
    const liar = ids[2]!;
    // The sandbox cannot answer with a wrong flag, so a thin wrapper flips it for one customer.
    const flip = (c: EvoClient): BulkClient => ({
      customerPages: (q, o) => c.customerPages(q, o),
      getCustomers: (i, o) => c.getCustomers(i, o),
      getCustomer: (i, o) => c.getCustomer(i, o),
      authStatus: (o) => c.authStatus(o),
      setStaging: async (id, v, o) => {
        const r = await c.setStaging(id, v, o);
        return id === liar ? { ...r, isStaging: !r.isStaging } : r;
      },
    });
    h = await harness(sandbox, { wrap: flip });
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }));
    const summary = await handle.done;
    expect(summary.counts).toMatchObject({ changed: 4, failed: 1 });
    expect(summary.failed).toEqual([expect.objectContaining({ customerId: liar, error: expect.objectContaining({ kind: 'InvalidResponse', customerId: liar, message: expect.stringMatching(/^Not applied/) }) })]);
    const item = h.service.getRun(handle.runId)!.items.find((i) => i.customerId === liar)!;
    expect(item).toMatchObject({ outcome: 'failed', after: false, attempts: 1 });
  });

  it('reads back an item whose write landed but whose answer was lost, and records it as changed', async () => {
    const ids = production(4);
    const lost = ids[1]!;
    // The sandbox injects faults before the write; losing the answer after it needs a wrapper.
    const loseAnswer = (c: EvoClient): BulkClient => ({
      customerPages: (q, o) => c.customerPages(q, o),
      getCustomers: (i, o) => c.getCustomers(i, o),
      getCustomer: (i, o) => c.getCustomer(i, o),
      authStatus: (o) => c.authStatus(o),
      setStaging: async (id, v, o) => {
        const r = await c.setStaging(id, v, o);
        if (id === lost) throw new AppError({ kind: 'Network', customerId: id, message: 'Connection reset after the write.' });
        return r;
      },
    });
    h = await harness(sandbox, { wrap: loseAnswer });
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { maxAttempts: 3 });
    const summary = await handle.done;
    expect(summary.counts).toMatchObject({ changed: 4, failed: 0 });
    const item = h.service.getRun(handle.runId)!.items.find((i) => i.customerId === lost)!;
    // Read back at once: the write is known to have landed, so it is not sent again.
    expect(item).toMatchObject({ outcome: 'changed', after: true, attempts: 1 });
    expect(item.note).toMatch(/reading the customer back/);
    expect(writesByCustomer(sandbox).get(lost)?.filter((w) => w.from !== w.to)).toHaveLength(1);
    expectJournalMatchesServer(handle.runId);
  });

  it('cancel stops new requests, lets in-flight ones settle and records each true outcome', async () => {
    sandbox.admin.setFaults({ latencyMs: 40, jitterMs: 20 });
    h = await harness(sandbox);
    const ids = production(60);
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { concurrency: 4 });
    const states: RunState[] = [];
    handle.onProgress((p) => {
      states.push(p.state);
      if (p.counts.changed >= 10 && p.counts.inFlight > 0) handle.cancel();
    });
    const summary = await handle.done;
    expect(summary.status).toBe('cancelled');
    expect(states).toContain('cancelling');
    expect(summary.counts.changed).toBeGreaterThanOrEqual(10);
    expect(summary.counts.cancelled).toBeGreaterThan(0);
    expect(summary.counts.changed + summary.counts.cancelled).toBe(60);
    const writes = writesByCustomer(sandbox);
    for (const item of h.service.getRun(handle.runId)!.items) {
      const server = sandbox.admin.customer(item.customerId)!.isStaging === true;
      if (item.outcome === 'changed') {
        expect(server).toBe(true);
        expect(writes.get(item.customerId)).toHaveLength(1);
      } else {
        expect(item).toMatchObject({ outcome: 'cancelled', attempts: 0 });
        expect(server).toBe(false);
        expect(writes.has(item.customerId)).toBe(false);
      }
    }
    expect(h.service.getRun(handle.runId)!.status).toBe('cancelled');
  });

  it('pauses and unpauses', async () => {
    sandbox.admin.setFaults({ latencyMs: 20 });
    h = await harness(sandbox);
    const handle = await h.service.start(await h.service.plan({ customerIds: production(30), target: 'staging' }), { concurrency: 2 });
    let pausedAt = -1;
    handle.onProgress((p) => {
      if (pausedAt < 0 && p.counts.changed >= 5) {
        handle.pause();
        pausedAt = p.counts.changed;
      }
    });
    await until(() => handle.progress().state === 'paused' && handle.progress().counts.inFlight === 0, 'paused with nothing in flight');
    const writesWhilePaused = sandbox.admin.writes().length;
    expect(handle.progress().counts.pending).toBeGreaterThan(0);
    handle.unpause();
    const summary = await handle.done;
    expect(writesWhilePaused).toBeLessThan(30);
    expect(summary.counts.changed).toBe(30);
  });

  it('waits for the server when it goes down and never fails unattempted items', async () => {
    sandbox.admin.setFaults({ latencyMs: 10 });
    h = await harness(sandbox);
    const ids = production(80);
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { concurrency: 4 });
    const states: RunState[] = [];
    let downed = false;
    handle.onProgress((p) => {
      states.push(p.state);
      if (!downed && p.counts.changed >= 10) {
        downed = true;
        void sandbox.admin.down(600);
      }
    });
    const summary = await handle.done;
    expect(states).toContain('waitingForServer');
    expect(summary.counts).toMatchObject({ changed: 80, failed: 0, cancelled: 0 });
    expectJournalMatchesServer(handle.runId);
  });

  it('waits for sign-in when the session expires mid-run, then continues', async () => {
    sandbox.admin.setFaults({ latencyMs: 10 });
    h = await harness(sandbox);
    const handle = await h.service.start(await h.service.plan({ customerIds: production(50), target: 'staging' }), { concurrency: 4 });
    const states = expireSessionsAfter(sandbox, handle, 10);
    await until(() => states.includes('waitingForSignIn'), 'the run to wait for sign-in');
    expect(handle.progress().state).toBe('waitingForSignIn');
    await h.session.signInAgain();
    const summary = await handle.done;
    expect(summary.counts).toMatchObject({ changed: 50, failed: 0 });
    const sessions = new Set(sandbox.admin.writes().map((w) => w.sessionNo));
    expect(sessions.size).toBe(2);
    expectJournalMatchesServer(handle.runId);
  });

  it('fails only the customers the server keeps refusing, without stalling, and retries them as a new run in one step', async () => {
    const ids = production(8);
    h = await harness(sandbox);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    // The last three in run order keep failing, reads included. At concurrency 1 they fail back to back,
    // which must not read as "server down" for ever (the outage probe must not read a broken record).
    const broken = plan.toChange.slice(-3).map((i) => i.customerId);
    sandbox.admin.setFaults({ brokenCustomerIds: broken });
    const first = await h.service.start(plan, { concurrency: 1 });
    const summary = await first.done;
    expect(summary.counts).toMatchObject({ changed: 5, failed: 3 });
    const failedItems = h.service.getRun(first.runId)!.items.filter((i) => i.outcome === 'failed');
    expect(failedItems.map((i) => i.customerId).sort()).toEqual([...broken].sort());
    for (const item of failedItems) expect(item.error).toMatchObject({ kind: 'ServerError', customerId: item.customerId });
    expectJournalMatchesServer(first.runId);

    sandbox.admin.setFaults({ brokenCustomerIds: [] });
    const retry = await h.service.retryFailed(first.runId);
    const retried = await retry.done;
    expect(retried).toMatchObject({ kind: 'retryFailed', counts: { total: 3, changed: 3 } });
    expect(h.service.getRun(retry.runId)).toMatchObject({ parentRunId: first.runId, kind: 'retryFailed' });
    expect(ids.every((id) => sandbox.admin.customer(id)?.isStaging === true)).toBe(true);
  });

  it('undo sets back only what the run changed and what nobody changed since', async () => {
    h = await harness(sandbox);
    const ids = production(12);
    const alreadyStaging = managerCustomers(sandbox).find((c) => c.isStaging)!.id;
    const run = await h.service.start(await h.service.plan({ customerIds: [...ids, alreadyStaging], target: 'staging' }));
    expect((await run.done).counts).toMatchObject({ changed: 12, alreadyInState: 1 });
    // Someone else sets two of them back to production meanwhile.
    const touched = ids.slice(0, 2);
    for (const id of touched) await h.client.setStaging(id, false);

    const undo = await h.service.undo(run.runId);
    const summary = await undo.done;
    expect(summary).toMatchObject({ kind: 'undo', counts: { total: 12, changed: 10, skipped: 2 } });
    expect(summary.skipped.map((s) => s.customerId).sort()).toEqual([...touched].sort());
    expect(summary.skipped[0]?.note).toMatch(/changed since by someone else/i);
    expect(ids.every((id) => sandbox.admin.customer(id)?.isStaging === false)).toBe(true);
    expect(sandbox.admin.customer(alreadyStaging)?.isStaging).toBe(true); // not changed by the run: left alone
    expect(h.service.getRun(undo.runId)).toMatchObject({ kind: 'undo', parentRunId: run.runId, target: 'production' });
    await expect(h.service.undo(run.runId)).rejects.toMatchObject({ kind: 'Conflict' });
  });

  it('exports the audit trail as CSV and JSON without secrets', async () => {
    h = await harness(sandbox);
    const ids = production(3);
    const run = await h.service.start(await h.service.plan({ customerIds: [...ids, 'missing-id'], target: 'staging' }));
    await run.done;
    const csv = h.service.exportRun(run.runId, 'csv');
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toContain('customerId');
    expect(records).toHaveLength(4);
    expect(records.find((r) => r.customerId === ids[0])).toMatchObject({
      runId: run.runId,
      userEmail: 'manager@sandbox.test',
      serverUrl: sandbox.url,
      accountId: h.accountId,
      before: 'production',
      after: 'staging',
      target: 'staging',
      outcome: 'changed',
      attempts: '1',
    });
    expect(records.find((r) => r.customerId === 'missing-id')).toMatchObject({ outcome: 'notAccessible', errorKind: 'NotFound' });

    const json = JSON.parse(h.service.exportRun(run.runId, 'json'));
    expect(json).toMatchObject({ format: 'evo-console.bulk-run', run: { id: run.runId, identity: { userEmail: 'manager@sandbox.test' }, planCounts: { total: 4 } } });
    expect(json.run.items).toHaveLength(4);
    expect(json.run.startedAt).toBeTruthy();
    expect(json.run.endedAt).toBeTruthy();
    const cookies = Object.values(h.client.sessionCookies()).filter((v): v is string => typeof v === 'string' && v.length > 8);
    for (const text of [csv, JSON.stringify(json)]) {
      expect(text).not.toMatch(/password|ss-id|ss-pid|cookie/i);
      for (const secret of cookies) expect(text).not.toContain(secret);
    }
    expect(h.service.listRuns().map((r) => r.id)).toContain(run.runId);
  });
});
