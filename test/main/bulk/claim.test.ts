/* One run at a time per customer, one driver per run (issue 11, finding 3):
 * - a journal write that fails mid-run (SQLITE_FULL injected at the journal boundary; a real
 *   SQLITE_BUSY from another process holding the write lock) stops the run cleanly: nothing
 *   more is sent, the run is left unfinished and released, the reason is told, and continuing it
 *   later finishes it with each customer changed once. The old engine ran its workers under one
 *   Promise.all: the error rejected the run while the other workers kept sending;
 * - two runs that share customers never execute at once: the second is refused, naming the first;
 * - continuing a run is one atomic claim: of two services racing for it, or the app and the CLI
 *   in another process, exactly one drives it, and a driver whose run was taken over sends
 *   nothing more. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/server';
import { BulkJournal, type OutcomeUpdate } from '../../../src/main/bulk/journal/journal';
import { journalFilePath, openJournalDatabase } from '../../../src/main/bulk/journal/journal-db';
import type { BulkPlan, RunDetail } from '../../../src/shared/bulk/types';
import { holdSqliteFile } from '../../support/sqlite-holder';
import { CliProcess, login, tempHome } from '../../cli/helpers';
import { harness, tempDir, until, writesByCustomer, useSmallSandbox, productionIds } from './helpers';

let sandbox: Sandbox;

useSmallSandbox((started) => (sandbox = started));

const production = (n: number, skip = 0) => productionIds(sandbox, n, skip);

/** A journal whose disk fills up after `okOutcomes` outcomes (the fault cannot be produced for real here). */
class FillingJournal extends BulkJournal {
  full = false;
  constructor(
    db: Database.Database,
    private okOutcomes: number,
  ) {
    super(db);
  }
  override recordOutcome(runId: string, customerId: string, update: OutcomeUpdate): void {
    if (this.okOutcomes-- <= 0) this.full = true;
    if (this.full) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    super.recordOutcome(runId, customerId, update);
  }
}

/** Journal == server for every item; every customer written at most as often as journalled, changed at most once. */
function expectConsistent(run: RunDetail): void {
  const writes = writesByCustomer(sandbox);
  for (const item of run.items) {
    const server = sandbox.admin.customer(item.customerId)?.isStaging === true;
    const expected = item.outcome === 'changed' || item.outcome === 'alreadyInState' ? item.targetIsStaging : item.before;
    expect({ id: item.customerId, staging: server }).toEqual({ id: item.customerId, staging: expected });
    const mine = writes.get(item.customerId) ?? [];
    expect(mine.length, item.customerId).toBeLessThanOrEqual(item.attempts);
    expect(mine.filter((w) => w.from !== w.to).length, item.customerId).toBeLessThanOrEqual(1);
  }
}

/** A run whose driver crashed: journalled with its items, its owner gone, its heartbeat long stopped. */
function crashedRun(dir: string, plan: BulkPlan, ids: string[]): string {
  const gone = new BulkJournal(openJournalDatabase({ appDataDir: dir }));
  const runId = `crashed-${plan.id}`;
  gone.createRun(
    { id: runId, kind: 'apply', parentRunId: null, planId: plan.id, target: 'staging', identity: plan.identity, request: plan.request, planCounts: plan.counts, drift: null, concurrency: 2, maxAttempts: 5, createdAt: new Date().toISOString(), owner: { token: 'dead', pid: 2 ** 22 + 7, host: 'elsewhere' } },
    ids.map((customerId) => ({ customerId, name: customerId, breadcrumb: [], before: false, targetIsStaging: true, outcome: 'pending' as const })),
    () => false,
  );
  openJournalDatabase({ appDataDir: dir }).prepare(`UPDATE runs SET heartbeat_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`).run(runId);
  return runId;
}

describe('a journal that cannot be written', () => {
  it('SQLITE_FULL mid-run: the run stops sending, says why, stays unfinished, and continues later to the end', { timeout: 60_000 }, async () => {
    sandbox.admin.setFaults({ latencyMs: 15 });
    const dir = tempDir();
    const ids = production(60);
    const h = await harness(sandbox, { dir });
    const filling = h.reopen({ journal: new FillingJournal(openJournalDatabase({ appDataDir: dir }), 12) });
    const handle = await filling.start(await filling.plan({ customerIds: ids, target: 'staging' }), { concurrency: 4 });
    const states = new Set<string>();
    handle.onProgress((p) => states.add(p.state));
    const summary = await handle.done;
    expect(summary.status).toBe('running');
    expect(summary.problem).toMatchObject({ message: expect.stringMatching(/journal could not be written \(SQLITE_FULL: database or disk is full\).*nothing more is sent/) });
    expect(handle.progress()).toMatchObject({ state: 'stopped', problem: summary.problem });
    expect(states.has('stopped')).toBe(true);
    // No new sends after the failure: only the requests already in flight (at most 4) landed after the 12th outcome.
    const writtenAtStop = sandbox.admin.writes().length;
    expect(writtenAtStop).toBeGreaterThanOrEqual(12);
    expect(writtenAtStop).toBeLessThanOrEqual(12 + 4);
    expect(filling.activeRunIds()).toEqual([]);
    expect(h.service.findInterrupted().map((r) => r.run.id)).toEqual([handle.runId]);

    const later = h.reopen();
    const continued = await later.continueInterrupted(handle.runId);
    expect(continued.recovery.confirmedChanged).toBe(writtenAtStop - 12); // the answers the journal did not take
    expect((await continued.done).counts).toMatchObject({ total: 60, changed: 60, failed: 0 });
    expectConsistent(later.getRun(handle.runId)!);
    expect(later.getRun(handle.runId)).toMatchObject({ status: 'completed', continueCount: 1 });
  });

  it('SQLITE_BUSY for real (another process holds the write lock past the busy timeout): the run stops cleanly and continues later', { timeout: 90_000 }, async () => {
    sandbox.admin.setFaults({ latencyMs: 20 });
    const dir = tempDir();
    const ids = production(40, 60);
    const h = await harness(sandbox, { dir });
    const holder = await holdSqliteFile(journalFilePath(dir));
    try {
      const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { concurrency: 2 });
      await until(() => handle.progress().counts.changed >= 8, 'some outcomes');
      await holder.exec('BEGIN IMMEDIATE');
      const summary = await handle.done;
      expect(summary.problem?.message).toMatch(/SQLITE_BUSY/);
      expect(summary.status).toBe('running');
      const writtenAtStop = sandbox.admin.writes().length;
      expect(writtenAtStop).toBeLessThan(40);
      await holder.exec('ROLLBACK');

      const continued = await h.service.continueInterrupted(handle.runId);
      expect((await continued.done).counts).toMatchObject({ total: 40, changed: 40, failed: 0 });
      expectConsistent(h.service.getRun(handle.runId)!);
    } finally {
      await holder.close();
    }
  });
});

describe('one run at a time per customer', () => {
  it('refuses a second run that shares customers with a run still going, naming it; nothing of the second is written', { timeout: 60_000 }, async () => {
    sandbox.admin.setFaults({ latencyMs: 30 });
    const dir = tempDir();
    const first = await harness(sandbox, { dir });
    const second = first.reopen(); // another window on the same journal
    const ids = production(30);
    const running = await first.service.start(await first.service.plan({ customerIds: ids.slice(0, 20), target: 'staging' }), { concurrency: 2 });
    const overlapping = await second.plan({ customerIds: ids.slice(15, 30), target: 'staging' });
    await expect(second.start(overlapping)).rejects.toMatchObject({ kind: 'Conflict', message: expect.stringContaining(`Run ${running.runId} is still changing customer`) });
    expect(second.listRuns().map((r) => r.id)).toEqual([running.runId]);
    await running.done;
    expect(sandbox.admin.writes().map((w) => w.customerId).every((id) => ids.slice(0, 20).includes(id))).toBe(true);
    // Once the first has finished, the second may run.
    expect((await (await second.start(overlapping)).done).counts).toMatchObject({ changed: 10, alreadyInState: 5 });
  });
});

describe('one driver per run', () => {
  it('of two services racing to continue one run, exactly one claims it; the other is refused', { timeout: 60_000 }, async () => {
    sandbox.admin.setFaults({ latencyMs: 20 });
    const dir = tempDir();
    const h = await harness(sandbox, { dir });
    const ids = production(20, 100);
    const plan = await h.service.plan({ customerIds: ids, target: 'staging' });
    const runId = crashedRun(dir, plan, ids);

    const a = h.service;
    const b = h.reopen();
    const results = await Promise.allSettled([a.continueInterrupted(runId), b.continueInterrupted(runId)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ kind: 'Conflict', message: expect.stringContaining(`Run ${runId} is already running`) });
    const handle = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof a.continueInterrupted>>>).value;
    expect((await handle.done).counts).toMatchObject({ total: 20, changed: 20 });
    const writes = sandbox.admin.writes().map((w) => w.customerId);
    expect(writes.length).toBe(new Set(writes).size);
    expectConsistent(a.getRun(runId)!);
  });

  it('the app and the evo-console CLI (another process) racing to continue one run: exactly one drives it', { timeout: 90_000 }, async () => {
    const home = tempHome();
    await login(home, sandbox.url);
    const app = await harness(sandbox, { dir: home });
    const ids = production(20, 140);
    const runId = crashedRun(home, await app.service.plan({ customerIds: ids, target: 'staging' }), ids);

    // The CLI takes a while to start: the app goes once the CLI has said who it is, just before it claims.
    sandbox.admin.setFaults({ latencyMs: 100 }); // the winner is still at work when the other arrives
    const child = new CliProcess(['--json', 'runs', 'continue', runId], { home });
    await child.waitForStderr(/^evo-console http/m);
    const [fromApp, fromCli] = await Promise.allSettled([app.service.continueInterrupted(runId).then((handle) => handle.done), child.exited]);
    const cliResult = fromCli.status === 'fulfilled' ? fromCli.value : null;
    expect(cliResult, 'the CLI ran').not.toBeNull();
    const appDrove = fromApp.status === 'fulfilled';
    const cliDrove = cliResult?.code === 0;
    expect([appDrove, cliDrove].filter(Boolean), `app: ${fromApp.status}; CLI exit ${cliResult?.code}: ${cliResult?.stderr}`).toHaveLength(1);
    if (appDrove) expect(cliResult?.stderr, `CLI exit ${cliResult?.code}`).toContain(`Run ${runId} is already running`);
    else expect((fromApp as PromiseRejectedResult).reason).toMatchObject({ kind: 'Conflict', message: expect.stringContaining(`Run ${runId} is already running`) });

    const writes = sandbox.admin.writes().map((w) => w.customerId);
    expect(writes.length).toBe(new Set(writes).size);
    const run = app.service.getRun(runId)!;
    expect(run).toMatchObject({ status: 'completed', counts: { total: 20, changed: 20 } });
    expectConsistent(run);
  });

  it('a driver whose run was taken over sends nothing more and says so', { timeout: 60_000 }, async () => {
    sandbox.admin.setFaults({ latencyMs: 25 });
    const dir = tempDir();
    const h = await harness(sandbox, { dir });
    const ids = production(40, 120);
    const handle = await h.service.start(await h.service.plan({ customerIds: ids, target: 'staging' }), { concurrency: 2 });
    await until(() => handle.progress().counts.changed >= 5, 'some outcomes');
    // Another process decides the owner is gone (e.g. its heartbeat went stale while the machine slept) and claims the run.
    const other = new BulkJournal(openJournalDatabase({ appDataDir: dir }));
    other.claimRun(handle.runId, { token: 'other', pid: process.pid, host: 'elsewhere' }, new Date().toISOString(), () => false);
    const summary = await handle.done;
    expect(summary.problem).toMatchObject({ kind: 'Conflict', message: expect.stringMatching(/Another process took run .* over/) });
    const writtenAtStop = sandbox.admin.writes().length;
    expect(writtenAtStop).toBeLessThan(40);
    expect(other.getItems(handle.runId).filter((i) => i.outcome === 'inFlight').length).toBeLessThanOrEqual(2);
  });
});
